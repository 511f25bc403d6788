import "server-only";
import { and, desc, eq, gt } from "drizzle-orm";
import { bytesToHex, type Hex } from "@/lib/integrity";
import { anchorBatch, checkpoint } from "@/lib/db/schema";
import type { Database, Tx } from "@/lib/db/client";
import type { AnchoringState } from "@/lib/vocabulary/anchoring-state";

export type AnchorStatus =
  | {
      state: Extract<AnchoringState, "anchored">;
      /** The checkpoint covering the record: the latest confirmed one of its log (it matches the chain's latest). */
      treeSize: number;
      rootHash: Hex;
      txHash: Hex;
      blockNumber: number;
      chainId: number;
      contract: string;
    }
  | { state: Extract<AnchoringState, "awaiting_anchor"> };

/**
 * Whether record `index` of log `logId` is anchored: a confirmed checkpoint with treeSize > index exists.
 * Records appended since the latest confirmed checkpoint, or whose trial is not (yet) registered on chain, read
 * "awaiting_anchor" (lib/vocabulary/anchoring-state.ts). Pass `on` to count only checkpoints on that chain and contract.
 *
 * A read helper without authorization: the calling use case decides who may see what.
 */
export async function anchorStatusOf(
  database: Database | Tx,
  logId: string,
  index: number,
  on?: { chainId: number; contract: string },
): Promise<AnchorStatus> {
  const [row] = await database
    .select({
      treeSize: checkpoint.treeSize,
      rootHash: checkpoint.rootHash,
      txHash: anchorBatch.txHash,
      blockNumber: anchorBatch.blockNumber,
      chainId: anchorBatch.chainId,
      contract: anchorBatch.contract,
    })
    .from(checkpoint)
    .innerJoin(anchorBatch, eq(anchorBatch.id, checkpoint.batchId))
    .where(
      and(
        eq(checkpoint.logId, logId),
        gt(checkpoint.treeSize, index),
        eq(anchorBatch.status, "confirmed"),
        on ? eq(anchorBatch.chainId, on.chainId) : undefined,
        on ? eq(anchorBatch.contract, on.contract) : undefined,
      ),
    )
    .orderBy(desc(checkpoint.treeSize))
    .limit(1);
  if (!row || row.blockNumber === null) return { state: "awaiting_anchor" };
  return {
    state: "anchored",
    treeSize: row.treeSize,
    rootHash: bytesToHex(row.rootHash),
    txHash: row.txHash as Hex,
    blockNumber: row.blockNumber,
    chainId: row.chainId,
    contract: row.contract,
  };
}
