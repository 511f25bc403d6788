import "server-only";
import { and, eq } from "drizzle-orm";
import { bytesToHex, verifyInclusion, type Hex, type Receipt } from "@/lib/integrity";
import { log, logLeaf } from "@/lib/db/schema";
import type { Database, Tx } from "@/lib/db/client";
import { AppError } from "@/lib/server/errors/app-error";
import { anchorStatusOf } from "@/lib/server/anchoring/anchor-status-of";
import { inclusionProofFromDb } from "@/lib/server/log/read-proofs";
import type { AnchoringState } from "@/lib/vocabulary/anchoring-state";

export interface StoredLeaf {
  logId: string;
  /** Who registered the log on chain and under which id; null while it is not registered (nothing is anchored). */
  registration: { chainTrialId: Hex; sponsor: Hex } | null;
  index: number;
  leafHash: Hex;
  kind: string;
  subject: string | null;
  at: Date;
}

/** A checkpoint whose transaction the anchoring worker saw confirmed, and where it lives on chain. */
export interface ConfirmedCheckpoint {
  treeSize: number;
  rootHash: Hex;
  chainId: number;
  contract: Hex;
  txHash: Hex;
  blockNumber: number;
}

/** `status` is an anchoring state of lib/vocabulary/anchoring-state.ts. */
export type RecordAnchoring =
  | { status: Extract<AnchoringState, "anchored">; checkpoint: ConfirmedCheckpoint; receipt: Receipt }
  | { status: Extract<AnchoringState, "awaiting_anchor">; checkpoint: ConfirmedCheckpoint | null };

/**
 * The log's latest confirmed checkpoint, or null. (anchorStatusOf answers for the latest confirmed checkpoint
 * with treeSize > index; for index 0 that is the log's latest confirmed checkpoint, whatever its size.)
 */
export async function latestConfirmedCheckpoint(tx: Tx | Database, logId: string): Promise<ConfirmedCheckpoint | null> {
  const status = await anchorStatusOf(tx, logId, 0);
  if (status.state !== "anchored") return null;
  return {
    treeSize: status.treeSize,
    rootHash: status.rootHash,
    chainId: status.chainId,
    contract: status.contract as Hex,
    txHash: status.txHash.toLowerCase() as Hex,
    blockNumber: status.blockNumber,
  };
}

/** The stored leaf of a record; NOT_FOUND when the log has no such index. */
export async function storedLeaf(tx: Tx | Database, logId: string, index: number): Promise<StoredLeaf> {
  const [row] = await tx
    .select({
      chainTrialId: log.chainTrialId,
      sponsor: log.chainSponsor,
      leafHash: logLeaf.leafHash,
      kind: logLeaf.kind,
      subject: logLeaf.subject,
      at: logLeaf.at,
    })
    .from(logLeaf)
    .innerJoin(log, eq(log.id, logLeaf.logId))
    .where(and(eq(logLeaf.logId, logId), eq(logLeaf.idx, index)));
  if (!row) throw new AppError("NOT_FOUND", `Record ${index} of ${logId} not found.`);
  return {
    logId,
    registration: row.chainTrialId && row.sponsor ? { chainTrialId: row.chainTrialId as Hex, sponsor: row.sponsor as Hex } : null,
    index,
    leafHash: bytesToHex(row.leafHash),
    kind: row.kind,
    subject: row.subject,
    at: row.at,
  };
}

/**
 * Whether the record is anchored and, if so, its receipt (docs/receipts.md#issuing), proven against the latest
 * confirmed checkpoint that covers it, with the inclusion proof computed from the stored subtrees at that tree size.
 *
 * The portal checks its own receipt before handing it out: a proof that does not lead to the anchored root means
 * the stored log no longer matches its checkpoint, and no receipt is issued (CONFLICT).
 */
export async function recordAnchoring(tx: Tx | Database, leaf: StoredLeaf): Promise<RecordAnchoring> {
  const cp = await latestConfirmedCheckpoint(tx, leaf.logId);
  if (!cp || cp.treeSize <= leaf.index || !leaf.registration) return { status: "awaiting_anchor", checkpoint: cp };
  const proof = await inclusionProofFromDb(tx, leaf.logId, leaf.index, cp.treeSize);
  if (!verifyInclusion(leaf.leafHash, leaf.index, cp.treeSize, proof, cp.rootHash)) {
    throw new AppError(
      "CONFLICT",
      `The stored log of ${leaf.logId} no longer matches its anchored checkpoint at record ${leaf.index}: no receipt can be issued. Verify the trial's log against the chain.`,
    );
  }
  return {
    status: "anchored",
    checkpoint: cp,
    receipt: {
      chainId: cp.chainId,
      contract: cp.contract,
      publicId: leaf.logId,
      sponsor: leaf.registration.sponsor,
      chainTrialId: leaf.registration.chainTrialId,
      leafIndex: leaf.index,
      leafHash: leaf.leafHash,
      treeSize: cp.treeSize,
      rootHash: cp.rootHash,
      proof,
      txHash: cp.txHash,
      blockNumber: cp.blockNumber,
    },
  };
}
