import "server-only";
import { mapWithLimit, readLedgerTrialState, type LedgerTrialState } from "@/lib/chain/anchoring/ledger-state";
import type { CheckpointEntry } from "@/lib/chain/anchoring/ledger-transactions";
import { consistencyProofFromDb, rootAtSizeFromDb } from "@/lib/server/log/read-proofs";
import { findAnchorCandidates, isDue, type AnchorCandidate } from "./find-anchor-candidates";
import type { AnchoringContext } from "./types";

export interface PlannedCheckpoint extends CheckpointEntry {
  logId: string;
  /** The chain's latest checkpoint size the consistency proof starts from. */
  fromSize: number;
  /** The database's latest checkpointed size when planned: re-checked under the lock. */
  dbAnchoredSize: number;
}

export interface SkippedLog {
  logId: string;
  reason: string;
  /** True for what an operator must look at (the chain disagrees with the database), not just "not yet". */
  alarm?: boolean;
}

export interface CheckpointPlan {
  entries: PlannedCheckpoint[];
  skipped: SkippedLog[];
  /** Logs with records waiting for a checkpoint (registered on chain or not). */
  waiting: number;
  due: boolean;
}

export interface PlanOptions {
  intervalMs: number;
  maxLeaves: number;
  maxTrialsPerBatch: number;
  /** Remembers for a while which logs are not registered with this anchorer, to spare the chain reads. */
  registrationCache?: RegistrationCache;
}

/**
 * Logs found not registered on chain with this anchorer, remembered for `ttlMs`: a long-running worker does not
 * ask the chain about every draft trial at every poll. A trial registered meanwhile is picked up within `ttlMs`.
 */
export class RegistrationCache {
  readonly #notOurs = new Map<string, { until: number; reason: string }>();
  constructor(readonly ttlMs = 30_000) {}

  notOurs(chainTrialId: string, now = Date.now()): string | undefined {
    const hit = this.#notOurs.get(chainTrialId);
    if (hit && hit.until > now) return hit.reason;
    if (hit) this.#notOurs.delete(chainTrialId);
    return undefined;
  }

  remember(chainTrialId: string, reason: string, now = Date.now()): void {
    this.#notOurs.set(chainTrialId, { until: now + this.ttlMs, reason });
  }
}

/**
 * Step 2 of anchoring: which logs to checkpoint now, and the checkpoint of each.
 *
 * A log is eligible when it grew past its latest checkpoint and is registered on chain with this anchorer; the
 * others stay "awaiting anchor" without holding back the batch. The round is due when the longest-waiting record
 * is older than `intervalMs` or `maxLeaves` records wait. Each entry goes from the chain's own latest checkpoint
 * (not only the database's view) to the log's current size, with the consistency proof the contract verifies.
 */
export async function planCheckpoints(ctx: AnchoringContext, opts: PlanOptions): Promise<CheckpointPlan> {
  const candidates = await findAnchorCandidates(ctx.database, ctx.chainId, ctx.contract);
  const cache = opts.registrationCache;
  const skipped: SkippedLog[] = [];
  const unknown = candidates.filter((c) => {
    const reason = cache?.notOurs(c.chainTrialId);
    if (reason) skipped.push({ logId: c.logId, reason });
    return !reason;
  });
  const none: CheckpointPlan = { entries: [], skipped, waiting: candidates.length, due: false };
  // Nothing could be due even counting logs whose registration is unknown: no need to ask the chain.
  if (!isDue(unknown, opts)) return none;

  const blockNumber = await ctx.publicClient.getBlockNumber({ cacheTime: 0 });
  const states = await mapWithLimit(unknown, 16, (c) => readLedgerTrialState(ctx.publicClient, ctx.contract, c.chainTrialId, blockNumber));
  const eligible: { candidate: AnchorCandidate; state: LedgerTrialState }[] = [];
  unknown.forEach((candidate, i) => {
    const state = states[i]!;
    const reason = !state.registered
      ? "not registered on chain"
      : state.anchorer !== ctx.account.address
        ? `checkpointed by another account (${state.anchorer})`
        : null;
    if (reason === null) return void eligible.push({ candidate, state });
    skipped.push({ logId: candidate.logId, reason });
    cache?.remember(candidate.chainTrialId, reason);
  });
  if (!isDue(eligible.map((e) => e.candidate), opts)) return none;

  const entries: PlannedCheckpoint[] = [];
  for (const { candidate, state } of eligible) {
    if (entries.length >= opts.maxTrialsPerBatch) break;
    const { logId, size } = candidate;
    if (state.treeSize >= size) {
      skipped.push({ logId, reason: `the chain already holds a checkpoint of size ${state.treeSize} (log size ${size})` });
      continue;
    }
    if (state.treeSize > 0) {
      const ours = await rootAtSizeFromDb(ctx.database, logId, state.treeSize);
      if (ours !== state.rootHash) {
        skipped.push({
          logId,
          alarm: true,
          reason: `the chain's checkpoint at size ${state.treeSize} has root ${state.rootHash}, this log's root at that size is ${ours}`,
        });
        continue;
      }
    }
    entries.push({
      logId,
      chainTrialId: candidate.chainTrialId,
      treeSize: size,
      rootHash: await rootAtSizeFromDb(ctx.database, logId, size),
      consistencyProof: await consistencyProofFromDb(ctx.database, logId, state.treeSize, size),
      fromSize: state.treeSize,
      dbAnchoredSize: candidate.anchoredSize,
    });
  }
  return { entries, skipped, waiting: candidates.length, due: true };
}
