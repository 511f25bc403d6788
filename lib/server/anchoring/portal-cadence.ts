import "server-only";
import { sql } from "drizzle-orm";
import { rowsOf } from "@/lib/db/rows";
import type { Database, Tx } from "@/lib/db/client";
import { PORTAL_LOG } from "@/lib/server/log/ensure-log";

/**
 * The portal log takes records nobody has to be signed in to cause (every failed sign-in is one), so its checkpoints
 * are paced by time alone: at most one batch carrying a portal checkpoint per `intervalMs` (PORTAL_ANCHOR_INTERVAL_MS),
 * however many records wait — ANCHOR_MAX_LEAVES does not shorten it. Every batch counts, failed ones too: a
 * transaction that reverted was still paid for.
 */
export async function portalCheckpointAllowed(
  db: Database | Tx,
  on: { chainId: number; contract: string },
  now: Date,
  intervalMs: number,
): Promise<{ allowed: true } | { allowed: false; nextAt: Date }> {
  const result = await db.execute(sql`
    select max(b.created_at) as last_at
    from checkpoint c
    join anchor_batch b on b.id = c.batch_id
    where c.log_id = ${PORTAL_LOG} and b.chain_id = ${on.chainId} and b.contract = ${on.contract}
  `);
  const [row] = rowsOf<{ last_at: string | Date | null }>(result);
  if (!row?.last_at) return { allowed: true };
  const nextAt = new Date(new Date(row.last_at).getTime() + intervalMs);
  return nextAt.getTime() <= now.getTime() ? { allowed: true } : { allowed: false, nextAt };
}
