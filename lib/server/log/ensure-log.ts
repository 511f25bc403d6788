import "server-only";
import { eq } from "drizzle-orm";
import { emptyRootBytes } from "@/lib/integrity";
import { chainTrialId } from "@/lib/chain/trial-id";
import { log, trial } from "@/lib/db/schema";
import type { Database, Tx } from "@/lib/db/client";

export const PORTAL_LOG = "portal";

/** Creates the log of a trial (by public id) or the portal-wide log on first use. Idempotent under races. */
export async function ensureLog(tx: Tx | Database, logId: string): Promise<void> {
  const existing = await tx.select({ id: log.id }).from(log).where(eq(log.id, logId));
  if (existing.length) return;
  let trialId: string | null = null;
  if (logId !== PORTAL_LOG) {
    const [row] = await tx.select({ id: trial.id }).from(trial).where(eq(trial.publicId, logId));
    if (!row) throw new Error(`no trial with public id ${logId}`);
    trialId = row.id;
  }
  await tx
    .insert(log)
    .values({
      id: logId,
      trialId,
      chainTrialId: chainTrialId(logId),
      size: 0,
      rootHash: emptyRootBytes(),
      frontier: [],
    })
    .onConflictDoNothing({ target: log.id });
}
