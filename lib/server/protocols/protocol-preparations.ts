import "server-only";
import { and, eq } from "drizzle-orm";
import { buildEnvelope, envelopeLeafHash, randomSalt, type Hex } from "@/lib/integrity";
import { trialLedgerAbi } from "@/lib/chain/generated/trial-ledger";
import { publicClient } from "@/lib/chain/clients";
import { chainTrialId } from "@/lib/chain/trial-id";
import { db, type Database, type Tx } from "@/lib/db/client";
import { membership, protocolPreparation, trial, walletAddress } from "@/lib/db/schema";
import { storedChainTrialId } from "@/lib/server/log/ensure-log";
import type { PendingSignature, TProtocol } from "@/lib/schemas/protocol";
import { envelopeActorOf } from "@/lib/server/audit/actor";
import { recordDomainChange } from "@/lib/server/audit/record-domain-change";
import type { Viewer } from "@/lib/server/auth/viewer";
import { AppError } from "@/lib/server/errors/app-error";
import { chainTarget } from "./chain-target";
import {
  pendingPreparationOf,
  pendingSignatureOf,
  preparesSame,
  strictDraftOf,
  versionsOf,
  type PreparationRow,
  type VersionRow,
} from "./protocol-versions";
import { sponsorActor, sponsorTrialFor, type TrialRow } from "./sponsor-trial-access";

/** The rule of one use case: which version the draft becomes (or an AppError saying why it cannot). */
export type VersionRule = (trial: TrialRow, confirmed: VersionRow[], protocol: TProtocol) => number;

const changedMeanwhile = (publicId: string) =>
  new AppError(
    "CONFLICT",
    `What awaits your wallet's signature for ${publicId} changed meanwhile (another tab or another sponsor admin): reload the page and try again.`,
  );

/** Wallets linked to the sponsor admins of a sponsor organization. */
async function sponsorWalletsOf(database: Database | Tx, sponsorOrgId: string): Promise<string[]> {
  const rows = await database
    .selectDistinct({ address: walletAddress.address })
    .from(walletAddress)
    .innerJoin(membership, eq(membership.userId, walletAddress.userId))
    .where(and(eq(membership.organizationId, sponsorOrgId), eq(membership.role, "sponsor_admin")));
  return rows.map((r) => r.address);
}

/**
 * Refuses to let go of a prepared version that the chain already holds: the sponsor's wallet may have sent it from
 * another tab. Read from the chain before the transaction that discards or replaces it (a network call must not
 * hold the trial's row lock).
 */
export async function assertNotSignedOnChain(database: Database | Tx, row: TrialRow, p: PreparationRow): Promise<void> {
  const target = await chainTarget(database);
  // An amendment goes to the registered id. A registration's id depends on the wallet that signs it: check the id
  // of every wallet linked to a sponsor admin of the trial's sponsor (any of them may have signed in another tab).
  const stored = await storedChainTrialId(database, row.publicId);
  const ids = stored ? [stored] : (await sponsorWalletsOf(database, row.sponsorOrgId)).map((w) => chainTrialId(w, row.publicId));
  let onChain: Hex[];
  try {
    onChain = await Promise.all(
      ids.map((id) =>
        publicClient().readContract({ address: target.contract, abi: trialLedgerAbi, functionName: "protocolHash", args: [id, p.version] }),
      ),
    );
  } catch {
    throw new AppError(
      "CONFLICT",
      `The chain could not be reached to check that version ${p.version} of ${row.publicId} is not signed yet: try again in a moment.`,
    );
  }
  if (onChain.some((h) => h.toLowerCase() === p.leafHash)) {
    throw new AppError(
      "CONFLICT",
      `Version ${p.version} of ${row.publicId} is already committed on chain by your wallet, so it can no longer be discarded or replaced. Confirm it with the transaction your wallet sent.`,
    );
  }
}

/**
 * Closes the pending preparation (discarded or superseded) and writes the `protocol.discarded` record with its audit
 * row, in the caller's transaction. The discarded envelope itself never reaches the log.
 */
export async function closePreparation(
  tx: Tx,
  viewer: Viewer,
  row: TrialRow,
  p: PreparationRow,
  close: { state: "discarded"; reason: string } | { state: "superseded"; by: Hex },
): Promise<Date> {
  const closedAt = new Date();
  const updated = await tx
    .update(protocolPreparation)
    .set({ state: close.state, closedAt, closedBy: viewer.userId })
    .where(
      and(eq(protocolPreparation.trialId, row.id), eq(protocolPreparation.leafHash, p.leafHash), eq(protocolPreparation.state, "awaiting_signature")),
    )
    .returning({ leafHash: protocolPreparation.leafHash });
  if (updated.length === 0) throw changedMeanwhile(row.publicId);
  const base = { version: p.version, protocolHash: p.leafHash as Hex };
  await recordDomainChange(tx, sponsorActor(viewer, row), {
    kind: "protocol.discarded",
    trial: row,
    body: close.state === "discarded" ? { ...base, reason: close.reason } : { ...base, supersededBy: close.by },
  });
  return closedAt;
}

/** The `protocol.version` envelope of a new preparation, and its leaf hash (what the wallet will sign). */
function preparedEnvelope(viewer: Viewer, row: TrialRow, version: number, protocol: TProtocol, reason?: string) {
  const envelope = buildEnvelope({
    kind: "protocol.version",
    trial: row.publicId,
    actor: envelopeActorOf(sponsorActor(viewer, row)),
    body: reason === undefined ? { version, protocol } : { version, protocol, reason },
    at: new Date().toISOString(),
    salt: randomSalt(),
  });
  return { envelope, leafHash: envelopeLeafHash(envelope) };
}

/**
 * Prepares the draft as the next version for the sponsor's wallet, in one transaction: validated strictly, numbered
 * by `rule`, its envelope built and stored awaiting signature. Asked again with the same protocol and reason, it
 * returns the same preparation (resumable). With a different draft or reason, the new preparation supersedes the
 * pending one (recorded as `protocol.discarded` with `supersededBy`), unless the chain already holds the pending one.
 */
export async function prepareVersion(viewer: Viewer, trialId: string, rule: VersionRule, reason?: string): Promise<PendingSignature> {
  const database = await db();
  const before = await sponsorTrialFor(database, viewer, trialId);
  const waiting = await pendingPreparationOf(database, trialId);
  if (waiting) {
    const draft = await strictDraftOf(database, trialId).catch(() => null);
    if (draft && !preparesSame(waiting, draft, reason)) await assertNotSignedOnChain(database, before, waiting);
  }
  return database.transaction(async (tx) => {
    const row = await sponsorTrialFor(tx, viewer, trialId, { lock: true });
    const protocol = await strictDraftOf(tx, trialId);
    const confirmed = (await versionsOf(tx, trialId)).filter((v) => v.chainState === "confirmed");
    const version = rule(row, confirmed, protocol);
    const pending = await pendingPreparationOf(tx, trialId);
    if (pending && pending.version === version && preparesSame(pending, protocol, reason)) return pendingSignatureOf(tx, row, pending);
    if (pending && pending.leafHash !== waiting?.leafHash) throw changedMeanwhile(row.publicId);
    const { envelope, leafHash } = preparedEnvelope(viewer, row, version, protocol, reason);
    // Closed first: at most one preparation per trial awaits a signature (unique index).
    if (pending) await closePreparation(tx, viewer, row, pending, { state: "superseded", by: leafHash });
    const [created] = await tx
      .insert(protocolPreparation)
      .values({
        trialId: row.id,
        leafHash,
        version,
        envelope,
        createdAt: new Date(envelope.at),
        createdBy: viewer.userId,
      })
      .returning();
    if (!created) throw changedMeanwhile(row.publicId);
    if (version === 1) await tx.update(trial).set({ status: "awaiting_signature" }).where(eq(trial.id, trialId));
    return pendingSignatureOf(tx, row, created);
  });
}
