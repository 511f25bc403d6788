import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { BUNDLE_FORMAT, bytesToHex, EMPTY_ROOT, type AuditBundle, type BundleLeaf, type Hex } from "@/lib/integrity";
import { log, logEnvelope, logLeaf } from "@/lib/db/schema";
import { db, type Database, type Tx } from "@/lib/db/client";
import { readChainBinding } from "@/lib/runtime/chain-binding";
import type { Viewer } from "@/lib/server/auth/viewer";
import { AppError } from "@/lib/server/errors/app-error";
import { latestConfirmedCheckpoint } from "@/lib/server/receipts/record-anchoring";
import { assertMayReadLog, logReadScope } from "./log-read-scope";

type ChainRef = { chainId: number; contract: Hex } | null;

/**
 * The audit bundle `trialproof.audit-bundle/1` of one log (docs/bundles.md#format): the chain and contract, the trial
 * ids, the latest confirmed checkpoint, and every stored leaf in order with its stored leaf hash and its envelope
 * (null once erased). Leaves appended after that checkpoint are included too; a verifier reports them "unanchored".
 *
 * The stored leaf hashes are exported as stored, never recomputed, so that a verifier sees an envelope that was
 * changed after the fact. Everything is read in one read-only snapshot.
 *
 * No authorization: for callers that already hold database access (the CLI, verifyTrialLog). The portal's
 * route uses exportBundleAs.
 */
export async function exportBundle(database: Database, logId: string): Promise<AuditBundle> {
  const binding = await readChainBinding(database);
  return database.transaction((tx) => bundleOf(tx, logId, binding && { chainId: binding.chainId, contract: binding.ledgerAddress }), SNAPSHOT);
}

/** exportBundle for a signed-in viewer: platform admins, the trial's sponsor admins, regulators. */
export async function exportBundleAs(viewer: Viewer, logId: string): Promise<AuditBundle> {
  const database = await db();
  const binding = await readChainBinding(database);
  return database.transaction(async (tx) => {
    assertMayReadLog(await logReadScope(tx, viewer, logId));
    return bundleOf(tx, logId, binding && { chainId: binding.chainId, contract: binding.ledgerAddress });
  }, SNAPSHOT);
}

const SNAPSHOT = { isolationLevel: "repeatable read", accessMode: "read only" } as const;

async function bundleOf(tx: Tx, logId: string, boundChain: ChainRef): Promise<AuditBundle> {
  const [head] = await tx.select({ id: log.id, chainTrialId: log.chainTrialId, sponsor: log.chainSponsor }).from(log).where(eq(log.id, logId));
  if (!head) throw new AppError("NOT_FOUND", `No records found for ${logId}.`);
  if (!head.chainTrialId || !head.sponsor) {
    throw new AppError("CONFLICT", `${logId} is not registered on chain yet: there is nothing to prove its log against.`);
  }
  const cp = await latestConfirmedCheckpoint(tx, logId);
  const chain = cp ? { chainId: cp.chainId, contract: cp.contract } : boundChain;
  if (!chain) {
    throw new AppError(
      "CONFLICT",
      `${logId} has no confirmed checkpoint and this database is not bound to a chain deployment: there is nothing to prove it against.`,
    );
  }
  const rows = await tx
    .select({ idx: logLeaf.idx, leafHash: logLeaf.leafHash, kind: logLeaf.kind, envelope: logEnvelope.envelope })
    .from(logLeaf)
    .leftJoin(logEnvelope, and(eq(logEnvelope.logId, logLeaf.logId), eq(logEnvelope.idx, logLeaf.idx)))
    .where(eq(logLeaf.logId, logId))
    .orderBy(asc(logLeaf.idx));
  const leaves: BundleLeaf[] = rows.map((r) => ({
    index: r.idx,
    leafHash: bytesToHex(r.leafHash),
    kind: r.kind,
    envelope: r.envelope ?? null,
  }));
  return {
    format: BUNDLE_FORMAT,
    chain,
    trial: { publicId: logId, sponsor: head.sponsor as Hex, chainTrialId: head.chainTrialId as Hex },
    checkpoint: cp
      ? { treeSize: cp.treeSize, rootHash: cp.rootHash, txHash: cp.txHash, blockNumber: cp.blockNumber }
      : { treeSize: 0, rootHash: EMPTY_ROOT },
    leaves,
  };
}
