import "server-only";
import type { Hash, Hex } from "viem";
import {
  awaitReceipt,
  broadcastRawTransaction,
  nodeKnowsTransaction,
  receiptOrNull,
  revertReasonOfMined,
} from "@/lib/chain/anchoring/ledger-transactions";
import { markConfirmed, markFailed, markMined, markSent, noteBroadcastProblem, type AnchorBatchRow } from "./batch-store";
import {
  DEFAULT_POLLING_INTERVAL_MS,
  DEFAULT_RECEIPT_TIMEOUT_MS,
  logOf,
  type AnchoringContext,
  type AnchorTestFaultHooks,
  type FaultPointBatch,
} from "./types";

export type SettleOutcome =
  | { outcome: "confirmed"; blockNumber: number; gasUsed: number }
  | { outcome: "failed"; reason: string }
  /** Mined, waiting for more blocks on top. */
  | { outcome: "awaiting confirmations"; blockNumber: number }
  /** In the node's pool, not mined yet. */
  | { outcome: "pending" }
  /** Not mined and its nonce still free: the stored raw transaction was broadcast again. */
  | { outcome: "rebroadcast" }
  /** The node refuses the stored transaction for now (e.g. no funds for gas); it is kept and retried. */
  | { outcome: "refused"; reason: string };

export type BatchRef = Pick<AnchorBatchRow, "id" | "txHash" | "rawTx" | "nonce" | "anchorer">;

const point = (b: BatchRef): FaultPointBatch => ({ batchId: b.id, txHash: b.txHash as Hash, nonce: b.nonce });

export function isInFlight(o: SettleOutcome): boolean {
  return o.outcome !== "confirmed" && o.outcome !== "failed";
}

/**
 * Finds out what became of a stored transaction and records it:
 * - mined and successful → confirmed once `confirmations` blocks are on top of it;
 * - mined and reverted → failed, with the contract's reason;
 * - not mined, and the anchorer's nonce already used by another transaction → failed (it can never be mined);
 * - not mined, nonce still free → the very same raw transaction is broadcast again (never a new signature).
 * A failed batch's checkpoints count as not made, so the next plan covers those records again.
 */
export async function settleBatch(ctx: AnchoringContext, batch: BatchRef, hooks?: AnchorTestFaultHooks): Promise<SettleOutcome> {
  const client = ctx.publicClient;
  const hash = batch.txHash as Hash;
  // The nonce is read BEFORE the receipt: if our own transaction took the nonce, its receipt is then visible.
  const usedNonces = await client.getTransactionCount({ address: batch.anchorer as Hex, blockTag: "latest" });
  const receipt = await receiptOrNull(client, hash);

  if (receipt) {
    const at = {
      blockNumber: Number(receipt.blockNumber),
      blockHash: receipt.blockHash,
      gasUsed: Number(receipt.gasUsed),
    };
    if (receipt.status === "reverted") {
      const reason = await revertReasonOfMined(client, batch.rawTx as Hex, receipt);
      await markFailed(ctx.database, batch.id, `transaction ${hash} ${reason}`, at);
      logOf(ctx)(`batch ${batch.id} failed: transaction ${hash} ${reason}; its checkpoints will be planned again`);
      return { outcome: "failed", reason };
    }
    const head = await client.getBlockNumber({ cacheTime: 0 });
    if (head - receipt.blockNumber < BigInt(ctx.confirmations ?? 0)) {
      await markMined(ctx.database, batch.id, at);
      return { outcome: "awaiting confirmations", blockNumber: at.blockNumber };
    }
    await hooks?.beforeConfirm?.(point(batch));
    await markConfirmed(ctx.database, batch.id, at);
    return { outcome: "confirmed", blockNumber: at.blockNumber, gasUsed: at.gasUsed };
  }

  if (usedNonces > batch.nonce) {
    const reason = `nonce ${batch.nonce} of ${batch.anchorer} was used by another transaction; ${hash} can never be mined`;
    await markFailed(ctx.database, batch.id, reason);
    logOf(ctx)(`batch ${batch.id} failed: ${reason}; its checkpoints will be planned again`);
    return { outcome: "failed", reason };
  }

  if (await nodeKnowsTransaction(client, hash)) {
    await markSent(ctx.database, batch.id);
    return { outcome: "pending" };
  }
  const refused = await broadcastRawTransaction(client, batch.rawTx as Hex);
  if (refused) {
    // An automining node may have mined it while refusing (e.g. it reverted): look once more.
    if (await receiptOrNull(client, hash)) return settleBatch(ctx, batch, hooks);
    await noteBroadcastProblem(ctx.database, batch.id, `broadcast refused: ${refused}`);
    logOf(ctx)(`batch ${batch.id}: the node refused transaction ${hash}: ${refused}; will retry`);
    return { outcome: "refused", reason: refused };
  }
  await markSent(ctx.database, batch.id);
  return { outcome: "rebroadcast" };
}

/** Settles a batch, and when it is (again) on its way, waits for its receipt (bounded) and settles it once more. */
export async function driveBatch(ctx: AnchoringContext, batch: BatchRef, hooks?: AnchorTestFaultHooks): Promise<SettleOutcome> {
  const first = await settleBatch(ctx, batch, hooks);
  if (first.outcome !== "rebroadcast" && first.outcome !== "pending") return first;
  const receipt = await awaitReceipt(ctx.publicClient, batch.txHash as Hash, {
    timeoutMs: ctx.receiptTimeoutMs ?? DEFAULT_RECEIPT_TIMEOUT_MS,
    pollMs: ctx.pollingIntervalMs ?? DEFAULT_POLLING_INTERVAL_MS,
  });
  return receipt ? settleBatch(ctx, batch, hooks) : first;
}

/**
 * Broadcasts a freshly stored batch and follows it to confirmation. Test hooks mark the points where a crash is
 * simulated; whatever happens, the stored raw transaction is the only one ever sent for these checkpoints.
 */
export async function sendStoredBatch(ctx: AnchoringContext, batch: BatchRef, hooks?: AnchorTestFaultHooks): Promise<SettleOutcome> {
  await hooks?.afterSign?.(point(batch));
  const refused = await broadcastRawTransaction(ctx.publicClient, batch.rawTx as Hex);
  await hooks?.afterSend?.(point(batch));
  if (refused) return settleBatch(ctx, batch, hooks);
  await markSent(ctx.database, batch.id);
  const receipt = await awaitReceipt(ctx.publicClient, batch.txHash as Hash, {
    timeoutMs: ctx.receiptTimeoutMs ?? DEFAULT_RECEIPT_TIMEOUT_MS,
    pollMs: ctx.pollingIntervalMs ?? DEFAULT_POLLING_INTERVAL_MS,
  });
  if (!receipt) return { outcome: "pending" };
  return settleBatch(ctx, batch, hooks);
}
