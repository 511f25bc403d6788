import "server-only";
import type { Address, Hex } from "viem";
import { mapWithLimit, readLedgerTrialState, type LedgerTrialState } from "@/lib/chain/anchoring/ledger-state";
import type { CheckpointEntry } from "@/lib/chain/anchoring/ledger-transactions";
import { consistencyProofFromDb, rootAtSizeFromDb } from "@/lib/server/log/read-proofs";
import { PORTAL_LOG } from "@/lib/server/log/ensure-log";
import { findAnchorCandidates, isDue, type AnchorCandidate } from "./find-anchor-candidates";
import { portalCheckpointAllowed } from "./portal-cadence";
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

/** A trial log registered on chain with another anchorer than this one: the anchoring was taken away. */
export interface ForeignAnchorer {
  logId: string;
  chainTrialId: Hex;
  anchorer: Address;
}

export interface CheckpointPlan {
  entries: PlannedCheckpoint[];
  skipped: SkippedLog[];
  /** Trial logs found registered with another anchorer by this plan's chain read. */
  foreign: ForeignAnchorer[];
  /** Logs found registered with this anchorer by this plan's chain read. */
  ours: string[];
  /** Logs with records waiting for a checkpoint (registered on chain or not). */
  waiting: number;
  due: boolean;
}

export interface PlanOptions {
  intervalMs: number;
  maxLeaves: number;
  /** The portal log's own minimum time between checkpoints (portal-cadence.ts). */
  portalIntervalMs: number;
  /** The step's time (anchoring-time.ts). */
  now: Date;
  maxTrialsPerBatch: number;
  /** Remembers for a while which logs are not registered with this anchorer, to spare the chain reads. */
  registrationCache?: RegistrationCache;
}

/**
 * Logs found not registered on chain with this anchorer, remembered for `ttlMs`: a long-running worker does not
 * ask the chain about every draft trial at every poll. A trial registered meanwhile is picked up within `ttlMs`.
 */
export class RegistrationCache {
  readonly #notOurs = new Map<string, { until: number; reason: string; alarm: boolean }>();
  constructor(readonly ttlMs = 30_000) {}

  notOurs(chainTrialId: string, now = Date.now()): { reason: string; alarm: boolean } | undefined {
    const hit = this.#notOurs.get(chainTrialId);
    if (hit && hit.until > now) return { reason: hit.reason, alarm: hit.alarm };
    if (hit) this.#notOurs.delete(chainTrialId);
    return undefined;
  }

  remember(chainTrialId: string, reason: string, alarm = false, now = Date.now()): void {
    this.#notOurs.set(chainTrialId, { until: now + this.ttlMs, reason, alarm });
  }

  /** The chain says otherwise now (e.g. the anchorer was set back to this one): ask it again at the next plan. */
  forget(chainTrialId: string): void {
    this.#notOurs.delete(chainTrialId.toLowerCase());
    this.#notOurs.delete(chainTrialId);
  }
}

/**
 * Step 2 of anchoring: which logs to checkpoint now, and the checkpoint of each.
 *
 * A log is eligible when it grew past its latest checkpoint and is registered on chain with this anchorer; the
 * others stay "awaiting anchor" without holding back the batch. A trial log registered with another anchorer is
 * an alarm (`foreign`), never a silent skip. The portal log is left out while its own interval since its last
 * checkpoint has not passed. The round is due when the longest-waiting record is older than `intervalMs` or
 * `maxLeaves` records wait. Each entry goes from the chain's own latest checkpoint (not only the database's view)
 * to the log's current size, with the consistency proof the contract verifies.
 */
export async function planCheckpoints(ctx: AnchoringContext, opts: PlanOptions): Promise<CheckpointPlan> {
  const candidates = await findAnchorCandidates(ctx.database, ctx.chainId, ctx.contract, opts.now);
  const cache = opts.registrationCache;
  const skipped: SkippedLog[] = [];
  const foreign: ForeignAnchorer[] = [];
  const ours: string[] = [];
  const portal = candidates.find((c) => c.logId === PORTAL_LOG);
  const portalGate = portal ? await portalCheckpointAllowed(ctx.database, ctx, opts.now, opts.portalIntervalMs) : null;
  if (portal && portalGate && !portalGate.allowed) {
    const minutes = Math.round(opts.portalIntervalMs / 60_000);
    skipped.push({
      logId: PORTAL_LOG,
      reason: `the portal log is checkpointed at most every ${minutes} min; next at ${portalGate.nextAt.toISOString()}`,
    });
  }
  const unknown = candidates.filter((c) => {
    if (c === portal && portalGate && !portalGate.allowed) return false;
    const hit = cache?.notOurs(c.chainTrialId);
    if (hit) skipped.push({ logId: c.logId, reason: hit.reason, ...(hit.alarm ? { alarm: true } : {}) });
    return !hit;
  });
  const none: CheckpointPlan = { entries: [], skipped, foreign, ours, waiting: candidates.length, due: false };
  // Nothing could be due even counting logs whose registration is unknown: no need to ask the chain.
  if (!isDue(unknown, opts)) return none;

  const blockNumber = await ctx.publicClient.getBlockNumber({ cacheTime: 0 });
  const states = await mapWithLimit(unknown, 16, (c) => readLedgerTrialState(ctx.publicClient, ctx.contract, c.chainTrialId, blockNumber));
  const eligible: { candidate: AnchorCandidate; state: LedgerTrialState }[] = [];
  unknown.forEach((candidate, i) => {
    const state = states[i]!;
    if (state.registered && state.anchorer === ctx.account.address) {
      ours.push(candidate.logId);
      return void eligible.push({ candidate, state });
    }
    // The portal registers the portal log itself: another anchorer there is the operator's doing, not a sponsor's.
    const alarm = state.registered && candidate.logId !== PORTAL_LOG;
    const reason = !state.registered ? "not registered on chain" : `checkpointed by another account (${state.anchorer})`;
    if (alarm) foreign.push({ logId: candidate.logId, chainTrialId: candidate.chainTrialId, anchorer: state.anchorer });
    skipped.push({ logId: candidate.logId, reason, ...(alarm ? { alarm: true } : {}) });
    cache?.remember(candidate.chainTrialId, reason, alarm);
  });
  if (
    !isDue(
      eligible.map((e) => e.candidate),
      opts,
    )
  )
    return none;

  const entries: PlannedCheckpoint[] = [];
  for (const { candidate, state } of eligible) {
    if (entries.length >= opts.maxTrialsPerBatch) break;
    const { logId, size } = candidate;
    if (state.treeSize >= size) {
      skipped.push({
        logId,
        reason: `the chain already holds a checkpoint of size ${state.treeSize} (log size ${size})`,
      });
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
  return { entries, skipped, foreign, ours, waiting: candidates.length, due: true };
}
