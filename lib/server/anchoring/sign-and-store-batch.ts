import "server-only";
import type { Hex } from "viem";
import { signLedgerTransaction, type FeeFields, type LedgerCall } from "@/lib/chain/anchoring/ledger-transactions";
import { anchoredSizes, gasUsedBetween, insertSignedBatch, newBatchId, nonceStillFree, withAnchorerLock, type NewBatch } from "./batch-store";
import { utcDayOf } from "./anchoring-time";
import type { AnchoringContext } from "./types";

export interface BatchToStore {
  purpose: NewBatch["purpose"];
  /** The anchorer's next nonce as read from the chain ("pending") when the plan was made. */
  nonce: number;
  call: LedgerCall;
  fees: FeeFields;
  checkpoints: { logId: string; treeSize: number; rootHash: Hex; dbAnchoredSize: number }[];
  /** The step's time: stored as the batch's signing time, and the UTC day the gas budget counts. */
  at?: Date;
  /** Gas units this anchorer may spend per UTC day (ANCHOR_DAILY_GAS_BUDGET); absent: unlimited. */
  dailyGasBudget?: number | null;
}

/** Signing would take the day's gas over the budget: nothing was stored. */
export interface OverBudget {
  day: string;
  budget: number;
  used: number;
  /** The transaction's gas limit: the most it can use. */
  needed: number;
}

/**
 * Step 3 of anchoring, in ONE database transaction under the anchorer's lock: checks that the plan is still
 * current (no batch of this anchorer in flight or stored since, no checkpoint of these logs made since), signs
 * the transaction locally with the planned nonce and stores it with its checkpoints. Nothing is broadcast here:
 * after the commit, the stored raw transaction is the only one that will ever carry these checkpoints.
 * Returns `raced` (nothing stored) when another anchorer got there first; the next round plans afresh.
 *
 * With a daily gas budget, the gas this anchorer's batches of the day used (their receipts, in the database) plus
 * this transaction's gas limit must stay within it, checked under the same lock, so workers running side by side
 * cannot overspend it together; otherwise `overBudget` and nothing is stored.
 */
export async function signAndStoreBatch(
  ctx: AnchoringContext,
  batch: BatchToStore,
): Promise<{ stored: NewBatch } | { raced: string } | { overBudget: OverBudget }> {
  const anchorer = ctx.account.address;
  return withAnchorerLock(ctx.database, ctx.chainId, anchorer, async (tx) => {
    if (!(await nonceStillFree(tx, ctx.chainId, anchorer, batch.nonce))) {
      return { raced: "another batch of this anchorer was stored since the plan was made" };
    }
    if (batch.checkpoints.length) {
      const now = await anchoredSizes(
        tx,
        ctx.chainId,
        ctx.contract,
        batch.checkpoints.map((c) => c.logId),
      );
      const moved = batch.checkpoints.find((c) => (now.get(c.logId) ?? 0) !== c.dbAnchoredSize);
      if (moved) return { raced: `log ${moved.logId} was checkpointed by another anchorer since the plan was made` };
    }
    if (batch.dailyGasBudget != null) {
      const day = utcDayOf(batch.at ?? new Date());
      const used = await gasUsedBetween(tx, ctx.chainId, anchorer, day.start, day.end);
      const needed = Number(batch.call.gas);
      if (used + needed > batch.dailyGasBudget) return { overBudget: { day: day.date, budget: batch.dailyGasBudget, used, needed } };
    }
    const signed = await signLedgerTransaction(ctx.account, {
      chainId: ctx.chainId,
      nonce: batch.nonce,
      call: batch.call,
      fees: batch.fees,
    });
    const stored: NewBatch = {
      id: newBatchId(),
      purpose: batch.purpose,
      chainId: ctx.chainId,
      contract: ctx.contract,
      anchorer,
      nonce: batch.nonce,
      txHash: signed.txHash,
      rawTx: signed.rawTx,
      checkpoints: batch.checkpoints.map(({ logId, treeSize, rootHash }) => ({ logId, treeSize, rootHash })),
      createdAt: batch.at,
    };
    await insertSignedBatch(tx, stored);
    return { stored };
  });
}
