import "server-only";
import { sql } from "drizzle-orm";
import type { Hex } from "viem";
import { rowsOf } from "@/lib/db/rows";
import type { Database, Tx } from "@/lib/db/client";

/** A log that grew past its latest checkpoint (confirmed or in flight) on this chain and contract. */
export interface AnchorCandidate {
  logId: string;
  chainTrialId: Hex;
  /** The log's size when read: the size to checkpoint. */
  size: number;
  /** Latest checkpointed size the database knows of (0 if none). */
  anchoredSize: number;
  /** Age of the oldest record not covered by a checkpoint at the step's time. */
  oldestPendingAgeMs: number;
}

/** Logs with records awaiting a checkpoint at `now`, the longest-waiting first. One query, no chain access. */
export async function findAnchorCandidates(db: Database | Tx, chainId: number, contract: string, now: Date): Promise<AnchorCandidate[]> {
  // Per log, its latest checkpoint that did not fail: a backward index scan of checkpoint (log_id, tree_size).
  const result = await db.execute(sql`
    select l.id as log_id,
           l.chain_trial_id,
           l.size::float8 as size,
           coalesce(a.size, 0)::float8 as anchored_size,
           coalesce(extract(epoch from (${now.toISOString()}::timestamptz - f.appended_at)) * 1000, 0)::float8 as age_ms
    from "log" l
    left join lateral (
      select c.tree_size as size
      from checkpoint c
      join anchor_batch b on b.id = c.batch_id
      where c.log_id = l.id and b.chain_id = ${chainId} and b.contract = ${contract} and b.status <> 'failed'
      order by c.tree_size desc
      limit 1
    ) a on true
    left join log_leaf f on f.log_id = l.id and f.idx = coalesce(a.size, 0)
    -- A log not registered on chain yet (a draft trial) has no chain trial id and nothing to checkpoint against.
    where l.size > coalesce(a.size, 0) and l.chain_trial_id is not null
    order by age_ms desc, l.id
  `);
  return rowsOf<{ log_id: string; chain_trial_id: string; size: number; anchored_size: number; age_ms: number }>(result).map((r) => ({
    logId: r.log_id,
    chainTrialId: r.chain_trial_id as Hex,
    size: Number(r.size),
    anchoredSize: Number(r.anchored_size),
    oldestPendingAgeMs: Number(r.age_ms),
  }));
}

/** A checkpoint round is due when the oldest waiting record is older than the interval or enough records wait. */
export function isDue(candidates: readonly AnchorCandidate[], opts: { intervalMs: number; maxLeaves: number }): boolean {
  if (candidates.length === 0) return false;
  const pending = candidates.reduce((n, c) => n + (c.size - c.anchoredSize), 0);
  const oldest = Math.max(...candidates.map((c) => c.oldestPendingAgeMs));
  return pending >= opts.maxLeaves || oldest >= opts.intervalMs;
}
