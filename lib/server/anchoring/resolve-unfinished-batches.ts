import "server-only";
import type { Hash } from "viem";
import { unfinishedBatches } from "./batch-store";
import { driveBatch, isInFlight, type SettleOutcome } from "./settle-batch";
import type { AnchoringContext } from "./types";

export interface ResolvedBatch {
  batchId: string;
  txHash: Hash;
  nonce: number;
  result: SettleOutcome;
}

/**
 * Step 1 of anchoring: follows every batch of this anchorer that was signed or sent but not settled (a crash, a
 * restart, a dead chain, another instance's batch) to its end where possible. `inFlight` is true while one of them
 * is still on its way: no new batch is signed until it settles, so nonces are never handed out twice.
 */
export async function resolveUnfinishedBatches(ctx: AnchoringContext): Promise<{ resolved: ResolvedBatch[]; inFlight: boolean }> {
  const batches = await unfinishedBatches(ctx.database, ctx.chainId, ctx.account.address);
  const resolved: ResolvedBatch[] = [];
  for (const batch of batches) {
    const result = await driveBatch(ctx, batch);
    resolved.push({ batchId: batch.id, txHash: batch.txHash as Hash, nonce: batch.nonce, result });
    // Later nonces cannot be mined before this one: stop at the first batch still on its way.
    if (isInFlight(result)) return { resolved, inFlight: true };
  }
  return { resolved, inFlight: false };
}
