import "server-only";
import { randomBytes } from "node:crypto";
import { and, asc, eq, gte, inArray, isNotNull, lt, ne, or, sql } from "drizzle-orm";
import { hexToBytes, type Hex } from "@/lib/integrity";
import { anchorBatch, checkpoint } from "@/lib/db/schema";
import type { Database, Tx } from "@/lib/db/client";

/**
 * Database side of anchor batches. A batch moves signed → sent → confirmed, or to failed; every update below
 * only moves a batch forward from an unfinished state, so two anchorers settling the same batch agree.
 */

export type AnchorBatchRow = typeof anchorBatch.$inferSelect;
const UNFINISHED = ["signed", "sent"] as const;

export function newBatchId(): string {
  return `anc_${randomBytes(12).toString("hex")}`;
}

/**
 * Runs `fn` in one transaction holding the anchorer's lock: a transaction-scoped advisory lock on
 * (chain id, anchorer address), so every app instance and worker that signs with this key takes turns.
 */
export async function withAnchorerLock<T>(database: Database, chainId: number, anchorer: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return database.transaction(async (tx) => {
    const key = `trialproof.anchorer:${chainId}:${anchorer.toLowerCase()}`;
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
    return fn(tx);
  });
}

export async function unfinishedBatches(db: Database | Tx, chainId: number, anchorer: string): Promise<AnchorBatchRow[]> {
  return db
    .select()
    .from(anchorBatch)
    .where(and(eq(anchorBatch.chainId, chainId), eq(anchorBatch.anchorer, anchorer), inArray(anchorBatch.status, [...UNFINISHED])))
    .orderBy(asc(anchorBatch.nonce));
}

/**
 * True when no batch of this anchorer is in flight and none (that did not fail) already uses `nonce` or a later
 * one: the plan's view of the anchorer's nonces is still current.
 */
export async function nonceStillFree(tx: Tx, chainId: number, anchorer: string, nonce: number): Promise<boolean> {
  const rows = await tx
    .select({ id: anchorBatch.id, status: anchorBatch.status, nonce: anchorBatch.nonce })
    .from(anchorBatch)
    .where(
      and(
        eq(anchorBatch.chainId, chainId),
        eq(anchorBatch.anchorer, anchorer),
        or(inArray(anchorBatch.status, [...UNFINISHED]), and(gte(anchorBatch.nonce, nonce), ne(anchorBatch.status, "failed"))),
      ),
    )
    .limit(1);
  return rows.length === 0;
}

/**
 * Latest checkpointed size per log on this chain and contract, counting confirmed and in-flight batches (a
 * failed batch's checkpoints count as never made). Logs without one are absent from the map.
 */
export async function anchoredSizes(db: Database | Tx, chainId: number, contract: string, logIds?: readonly string[]): Promise<Map<string, number>> {
  if (logIds && logIds.length === 0) return new Map();
  const rows = await db
    .select({ logId: checkpoint.logId, size: sql<string>`max(${checkpoint.treeSize})` })
    .from(checkpoint)
    .innerJoin(anchorBatch, eq(anchorBatch.id, checkpoint.batchId))
    .where(
      and(
        eq(anchorBatch.chainId, chainId),
        eq(anchorBatch.contract, contract),
        ne(anchorBatch.status, "failed"),
        logIds ? inArray(checkpoint.logId, [...logIds]) : undefined,
      ),
    )
    .groupBy(checkpoint.logId);
  return new Map(rows.map((r) => [r.logId, Number(r.size)]));
}

export interface NewBatch {
  id: string;
  purpose: "checkpoint" | "register_portal_log";
  chainId: number;
  contract: string;
  anchorer: string;
  nonce: number;
  txHash: Hex;
  rawTx: Hex;
  checkpoints: { logId: string; treeSize: number; rootHash: Hex }[];
  /** When it was signed (the gas day and the portal log's cadence count from here); default: the database's now. */
  createdAt?: Date;
}

export async function insertSignedBatch(tx: Tx, batch: NewBatch): Promise<void> {
  await tx.insert(anchorBatch).values({
    id: batch.id,
    ...(batch.createdAt ? { createdAt: batch.createdAt } : {}),
    status: "signed",
    purpose: batch.purpose,
    chainId: batch.chainId,
    contract: batch.contract,
    anchorer: batch.anchorer,
    nonce: batch.nonce,
    txHash: batch.txHash,
    rawTx: batch.rawTx,
  });
  if (batch.checkpoints.length) {
    await tx.insert(checkpoint).values(
      batch.checkpoints.map((c) => ({
        logId: c.logId,
        treeSize: c.treeSize,
        rootHash: hexToBytes(c.rootHash, 32),
        batchId: batch.id,
      })),
    );
  }
}

/**
 * Gas this anchorer's transactions signed in [from, to) actually used, from their stored receipts: confirmed
 * batches and mined ones that reverted (they were paid for too). Batches never mined cost nothing.
 */
export async function gasUsedBetween(db: Database | Tx, chainId: number, anchorer: string, from: Date, to: Date): Promise<number> {
  const [row] = await db
    .select({ used: sql<string | null>`sum(${anchorBatch.gasUsed})` })
    .from(anchorBatch)
    .where(
      and(
        eq(anchorBatch.chainId, chainId),
        eq(anchorBatch.anchorer, anchorer),
        gte(anchorBatch.createdAt, from),
        lt(anchorBatch.createdAt, to),
        isNotNull(anchorBatch.gasUsed),
      ),
    );
  return Number(row?.used ?? 0);
}

const unfinished = (id: string) => and(eq(anchorBatch.id, id), inArray(anchorBatch.status, [...UNFINISHED]));

export async function markSent(db: Database, id: string): Promise<void> {
  await db
    .update(anchorBatch)
    .set({ status: "sent", sentAt: sql`coalesce(${anchorBatch.sentAt}, now())`, error: null })
    .where(unfinished(id));
}

/** Mined but not yet deep enough: remember where (a reorg may still move it). */
export async function markMined(db: Database, id: string, at: { blockNumber: number; blockHash: string }): Promise<void> {
  await db
    .update(anchorBatch)
    .set({
      status: "sent",
      sentAt: sql`coalesce(${anchorBatch.sentAt}, now())`,
      blockNumber: at.blockNumber,
      blockHash: at.blockHash,
    })
    .where(unfinished(id));
}

export async function markConfirmed(db: Database, id: string, at: { blockNumber: number; blockHash: string; gasUsed: number }): Promise<boolean> {
  const rows = await db
    .update(anchorBatch)
    .set({
      status: "confirmed",
      sentAt: sql`coalesce(${anchorBatch.sentAt}, now())`,
      blockNumber: at.blockNumber,
      blockHash: at.blockHash,
      gasUsed: at.gasUsed,
      error: null,
      confirmedAt: sql`now()`,
    })
    .where(unfinished(id))
    .returning({ id: anchorBatch.id });
  return rows.length > 0;
}

/** Terminal: the transaction can never take effect. Its checkpoints count as not made, so they are planned again. */
export async function markFailed(
  db: Database,
  id: string,
  reason: string,
  at?: { blockNumber: number; blockHash: string; gasUsed: number },
): Promise<boolean> {
  const rows = await db
    .update(anchorBatch)
    .set({ status: "failed", error: reason, ...(at ?? {}) })
    .where(unfinished(id))
    .returning({ id: anchorBatch.id });
  return rows.length > 0;
}

/** The node refused the stored transaction for now (e.g. the anchorer has no funds): keep it, say why. */
export async function noteBroadcastProblem(db: Database, id: string, reason: string): Promise<void> {
  await db.update(anchorBatch).set({ error: reason }).where(unfinished(id));
}
