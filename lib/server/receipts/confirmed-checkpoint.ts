import "server-only";
import { and, desc, eq, isNotNull } from "drizzle-orm";
import { bytesToHex, type Hex } from "@/lib/integrity";
import { anchorBatch, checkpoint } from "@/lib/db/schema";
import type { Database, Tx } from "@/lib/db/client";

/** A checkpoint whose transaction the anchoring worker saw confirmed, with where it lives on chain. */
export interface ConfirmedCheckpoint {
  treeSize: number;
  rootHash: Hex;
  chainId: number;
  contract: Hex;
  txHash: Hex;
  blockNumber: number;
  confirmedAt: Date | null;
}

/**
 * The log's latest checkpoint whose batch is confirmed. A record at `index` is anchored iff this exists and
 * has treeSize > index (DESIGN §5: otherwise it is "awaiting anchor").
 *
 * Reads the anchoring tables directly; the anchoring worker's `anchorStatusOf(database, logId, index)` answers
 * the same question and can replace this once it is available.
 */
export async function latestConfirmedCheckpoint(tx: Tx | Database, logId: string): Promise<ConfirmedCheckpoint | null> {
  const [row] = await tx
    .select({
      treeSize: checkpoint.treeSize,
      rootHash: checkpoint.rootHash,
      chainId: anchorBatch.chainId,
      contract: anchorBatch.contract,
      txHash: anchorBatch.txHash,
      blockNumber: anchorBatch.blockNumber,
      confirmedAt: anchorBatch.confirmedAt,
    })
    .from(checkpoint)
    .innerJoin(anchorBatch, eq(anchorBatch.id, checkpoint.batchId))
    .where(and(eq(checkpoint.logId, logId), eq(anchorBatch.status, "confirmed"), isNotNull(anchorBatch.blockNumber)))
    .orderBy(desc(checkpoint.treeSize))
    .limit(1);
  if (!row || row.blockNumber === null) return null;
  return {
    treeSize: row.treeSize,
    rootHash: bytesToHex(row.rootHash),
    chainId: row.chainId,
    contract: row.contract as Hex,
    txHash: row.txHash.toLowerCase() as Hex,
    blockNumber: row.blockNumber,
    confirmedAt: row.confirmedAt,
  };
}
