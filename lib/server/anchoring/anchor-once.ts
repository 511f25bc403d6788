import "server-only";
import type { Hash, Hex } from "viem";
import { feeFields, prepareCheckpointCall } from "@/lib/chain/anchoring/ledger-transactions";
import { stepTime } from "./anchoring-time";
import { raiseGasBudgetAlarm, resolveGasBudgetAlarm } from "./gas-budget";
import { planCheckpoints, type RegistrationCache, type SkippedLog } from "./plan-checkpoints";
import { resolveUnfinishedBatches, type ResolvedBatch } from "./resolve-unfinished-batches";
import { sendStoredBatch, type SettleOutcome } from "./settle-batch";
import { signAndStoreBatch } from "./sign-and-store-batch";
import { normalizedContext, type AnchoringContext, type AnchorTestFaultHooks } from "./types";
import { reconcilePlannedAnchorers, watchAnchorerChanges, type AlarmChanges } from "./watch-anchorers";

export const ANCHOR_DEFAULTS = {
  intervalMs: 5_000,
  maxLeaves: 256,
  maxTrialsPerBatch: 100,
  portalIntervalMs: 600_000,
} as const;

export interface AnchorOnceOptions extends AnchoringContext {
  /** Checkpoint when the longest-waiting record is older than this (ANCHOR_INTERVAL_MS); default 5000. */
  intervalMs?: number;
  /** ... or as soon as this many records wait (ANCHOR_MAX_LEAVES); default 256. */
  maxLeaves?: number;
  /** Trials per transaction; the rest go in the next round. Default 100 (≈ 3.5 M gas). */
  maxTrialsPerBatch?: number;
  /** The portal log is checkpointed at most this often (PORTAL_ANCHOR_INTERVAL_MS); default 600000. */
  portalIntervalMs?: number;
  /** Gas units per UTC day (ANCHOR_DAILY_GAS_BUDGET); null or absent: unlimited. */
  dailyGasBudget?: number | null;
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
  idle?: "batch in flight" | "nothing waiting" | "not due" | "nothing eligible" | "raced" | "gas budget exhausted";
  /** Logs left out of this round and why (not registered on chain, refused by the contract, ...). */
  skipped: SkippedLog[];
  /** Logs with records awaiting a checkpoint when the step began. */
  waiting: number;
  /** Alarms this step raised or resolved (anchoring-alarms.ts). */
  alarms: AlarmChanges;
}

/**
 * One anchoring step (docs/anchoring.md#anchoring-step). Safe to run from several processes at once and to kill at
 * any point:
 * 1. settle unfinished batches of this anchorer (confirm, fail, or re-broadcast the SAME stored transaction), and
 *    watch the AnchorerChanged events of this portal's trials (alarm when anchoring is taken away);
 * 2. plan: logs that grew and are registered on chain with this anchorer, when due (the portal log at most every
 *    `portalIntervalMs`), with consistency proofs from the chain's latest checkpoints;
 * 3. under the anchorer's database lock, check the daily gas budget, sign locally with an explicit nonce and store
 *    the batch — commit (over budget: nothing stored, an alarm, records wait);
 * 4. broadcast, mark sent, wait for the receipt, mark confirmed.
 * The contract's "tree must grow" rule is the last guard against a checkpoint ever being applied twice.
 */
export async function anchorOnce(input: AnchorOnceOptions): Promise<AnchorOnceResult> {
  const options = normalizedContext(input);
  const intervalMs = options.intervalMs ?? ANCHOR_DEFAULTS.intervalMs;
  const maxLeaves = options.maxLeaves ?? ANCHOR_DEFAULTS.maxLeaves;
  const maxTrialsPerBatch = options.maxTrialsPerBatch ?? ANCHOR_DEFAULTS.maxTrialsPerBatch;
  const portalIntervalMs = options.portalIntervalMs ?? ANCHOR_DEFAULTS.portalIntervalMs;
  const budget = options.dailyGasBudget ?? null;
  const hooks = options.testFaultHooks;
  const from = options.account.address;

  const { resolved, inFlight } = await resolveUnfinishedBatches(options);
  const now = await stepTime(options);
  const alarms: AlarmChanges = { raised: [], resolved: [] };
  const note = (c: AlarmChanges) => void (alarms.raised.push(...c.raised), alarms.resolved.push(...c.resolved));
  note(await watchAnchorerChanges(options, now, options.registrationCache));
  if (budget !== null) note({ raised: [], resolved: await resolveGasBudgetAlarm(options, now, false) });
  const result = (rest: Omit<AnchorOnceResult, "resolved" | "alarms">): AnchorOnceResult => ({
    resolved,
    alarms,
    ...rest,
  });
  if (inFlight) return result({ batch: null, idle: "batch in flight", skipped: [], waiting: 0 });

  const plan = await planCheckpoints(options, {
    intervalMs,
    maxLeaves,
    maxTrialsPerBatch,
    portalIntervalMs,
    now,
    registrationCache: options.registrationCache,
  });
  note(await reconcilePlannedAnchorers(options, now, plan));
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
  const outcome = await signAndStoreBatch(options, {
    purpose: "checkpoint",
    nonce,
    call: prepared.call,
    fees,
    checkpoints: entries,
    at: now,
    dailyGasBudget: budget,
  });
  if ("raced" in outcome) return result({ batch: null, idle: "raced", skipped, waiting: plan.waiting });
  if ("overBudget" in outcome) {
    const raised = await raiseGasBudgetAlarm(options, outcome.overBudget, now);
    note({ raised: raised ? [raised] : [], resolved: [] });
    return result({ batch: null, idle: "gas budget exhausted", skipped, waiting: plan.waiting });
  }
  if (budget !== null) note({ raised: [], resolved: await resolveGasBudgetAlarm(options, now, true) });

  const stored = outcome.stored;
  const settled = await sendStoredBatch(
    options,
    { id: stored.id, txHash: stored.txHash, rawTx: stored.rawTx, nonce: stored.nonce, anchorer: stored.anchorer },
    hooks,
  );
  return result({
    batch: {
      batchId: stored.id,
      txHash: stored.txHash,
      nonce: stored.nonce,
      checkpoints: stored.checkpoints,
      result: settled,
    },
    skipped,
    waiting: plan.waiting,
  });
}
