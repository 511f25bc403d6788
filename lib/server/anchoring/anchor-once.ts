import "server-only";
import type { Hash, Hex } from "viem";
import { feeFields, prepareCheckpointCall } from "@/lib/chain/anchoring/ledger-transactions";
import { planCheckpoints, type RegistrationCache, type SkippedLog } from "./plan-checkpoints";
import { resolveUnfinishedBatches, type ResolvedBatch } from "./resolve-unfinished-batches";
import { sendStoredBatch, type SettleOutcome } from "./settle-batch";
import { signAndStoreBatch } from "./sign-and-store-batch";
import { normalizedContext, type AnchoringContext, type AnchorTestFaultHooks } from "./types";

export const ANCHOR_DEFAULTS = { intervalMs: 5_000, maxLeaves: 256, maxTrialsPerBatch: 100 } as const;

export interface AnchorOnceOptions extends AnchoringContext {
  /** Checkpoint when the longest-waiting record is older than this (ANCHOR_INTERVAL_MS); default 5000. */
  intervalMs?: number;
  /** ... or as soon as this many records wait (ANCHOR_MAX_LEAVES); default 256. */
  maxLeaves?: number;
  /** Trials per transaction; the rest go in the next round. Default 100 (≈ 3.5 M gas). */
  maxTrialsPerBatch?: number;
  /** Spares chain reads for logs not registered with this anchorer (the worker keeps one across steps). */
  registrationCache?: RegistrationCache;
  /** TEST HOOKS ONLY (fault injection); production passes none. */
  testFaultHooks?: AnchorTestFaultHooks;
}

export interface AnchoredBatch {
  batchId: string;
  txHash: Hash;
  nonce: number;
  checkpoints: { logId: string; treeSize: number; rootHash: Hex }[];
  result: SettleOutcome;
}

export interface AnchorOnceResult {
  /** Batches left unfinished by an earlier step (crash, restart, dead chain) and what became of them. */
  resolved: ResolvedBatch[];
  /** The batch signed and sent by this step, if any. */
  batch: AnchoredBatch | null;
  /** Why nothing new was signed, when nothing was. */
  idle?: "batch in flight" | "nothing waiting" | "not due" | "nothing eligible" | "raced";
  /** Logs left out of this round and why (not registered on chain, refused by the contract, ...). */
  skipped: SkippedLog[];
  /** Logs with records awaiting a checkpoint when the step began. */
  waiting: number;
}

/**
 * One anchoring step (DESIGN §5). Safe to run from several processes at once and to kill at any point:
 * 1. settle unfinished batches of this anchorer (confirm, fail, or re-broadcast the SAME stored transaction);
 * 2. plan: logs that grew and are registered on chain with this anchorer, when due, with consistency proofs
 *    from the chain's latest checkpoints;
 * 3. under the anchorer's database lock, sign locally with an explicit nonce and store the batch — commit;
 * 4. broadcast, mark sent, wait for the receipt, mark confirmed.
 * The contract's "tree must grow" rule is the last guard against a checkpoint ever being applied twice.
 */
export async function anchorOnce(input: AnchorOnceOptions): Promise<AnchorOnceResult> {
  const options = normalizedContext(input);
  const intervalMs = options.intervalMs ?? ANCHOR_DEFAULTS.intervalMs;
  const maxLeaves = options.maxLeaves ?? ANCHOR_DEFAULTS.maxLeaves;
  const maxTrialsPerBatch = options.maxTrialsPerBatch ?? ANCHOR_DEFAULTS.maxTrialsPerBatch;
  const hooks = options.testFaultHooks;
  const from = options.account.address;

  const { resolved, inFlight } = await resolveUnfinishedBatches(options);
  const result = (rest: Omit<AnchorOnceResult, "resolved">): AnchorOnceResult => ({ resolved, ...rest });
  if (inFlight) return result({ batch: null, idle: "batch in flight", skipped: [], waiting: 0 });

  const plan = await planCheckpoints(options, { intervalMs, maxLeaves, maxTrialsPerBatch, registrationCache: options.registrationCache });
  if (plan.waiting === 0) return result({ batch: null, idle: "nothing waiting", skipped: [], waiting: 0 });
  if (!plan.due) return result({ batch: null, idle: "not due", skipped: plan.skipped, waiting: plan.waiting });

  const nonce = await options.publicClient.getTransactionCount({ address: from, blockTag: "pending" });
  const prepared = await prepareCheckpointCall(options.publicClient, from, options.contract, plan.entries);
  const skipped = [
    ...plan.skipped,
    ...prepared.dropped.map((d) => ({
      logId: plan.entries.find((e) => e.chainTrialId === d.entry.chainTrialId)!.logId,
      reason: `the contract would refuse it now: ${d.reason}`,
    })),
  ];
  if (!prepared.call) return result({ batch: null, idle: "nothing eligible", skipped, waiting: plan.waiting });
  const keptIds = new Set(prepared.kept.map((e) => e.chainTrialId));
  const entries = plan.entries.filter((e) => keptIds.has(e.chainTrialId));
  const fees = await feeFields(options.publicClient);

  await hooks?.afterPlan?.();
  const outcome = await signAndStoreBatch(options, { purpose: "checkpoint", nonce, call: prepared.call, fees, checkpoints: entries });
  if ("raced" in outcome) return result({ batch: null, idle: "raced", skipped, waiting: plan.waiting });

  const stored = outcome.stored;
  const settled = await sendStoredBatch(options, { id: stored.id, txHash: stored.txHash, rawTx: stored.rawTx, nonce: stored.nonce, anchorer: stored.anchorer }, hooks);
  return result({
    batch: { batchId: stored.id, txHash: stored.txHash, nonce: stored.nonce, checkpoints: stored.checkpoints, result: settled },
    skipped,
    waiting: plan.waiting,
  });
}
