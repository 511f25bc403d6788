import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Hex } from "viem";
import { chainTrialId, emptyRootBytes } from "@/lib/integrity";
import { log, trial } from "@/lib/db/schema";
import type { Database, Tx } from "@/lib/db/client";

export const PORTAL_LOG = "portal";

/**
 * Creates the log of a trial (by public id) or the portal-wide log on first use. Idempotent under races. Its chain
 * trial id stays null until the log is registered on chain (setChainTrialId).
 */
export async function ensureLog(tx: Tx | Database, logId: string): Promise<void> {
  const existing = await tx.select({ id: log.id }).from(log).where(eq(log.id, logId));
  if (existing.length) return;
  let trialId: string | null = null;
  if (logId !== PORTAL_LOG) {
    const [row] = await tx.select({ id: trial.id }).from(trial).where(eq(trial.publicId, logId));
    if (!row) throw new Error(`no trial with public id ${logId}`);
    trialId = row.id;
  }
  await tx.insert(log).values({ id: logId, trialId, size: 0, rootHash: emptyRootBytes(), frontier: [] }).onConflictDoNothing({ target: log.id });
}

/** Who registered the log on TrialLedger and under which id, or null while it is not registered (docs/ledger.md#trial-ids). */
export async function chainRegistrationOf(tx: Tx | Database, logId: string): Promise<{ chainTrialId: Hex; sponsor: Hex } | null> {
  const [row] = await tx.select({ chainTrialId: log.chainTrialId, sponsor: log.chainSponsor }).from(log).where(eq(log.id, logId));
  return row?.chainTrialId && row.sponsor ? { chainTrialId: row.chainTrialId as Hex, sponsor: row.sponsor as Hex } : null;
}

/** The id under which the log is registered on TrialLedger, or null while it is not. */
export async function storedChainTrialId(tx: Tx | Database, logId: string): Promise<Hex | null> {
  return (await chainRegistrationOf(tx, logId))?.chainTrialId ?? null;
}

/**
 * Records that `sponsor` registered the log on chain, with the id TrialLedger derived for it: set once, never
 * changed (the log_head_grows trigger refuses any change, and a different registration than the stored one is an
 * error here, not an overwrite). Returns the chain trial id.
 */
export async function setChainRegistration(tx: Tx | Database, logId: string, sponsor: string): Promise<Hex> {
  await ensureLog(tx, logId);
  const chainSponsor = sponsor.toLowerCase() as Hex;
  const id = chainTrialId(chainSponsor, logId);
  await tx
    .update(log)
    .set({ chainTrialId: id, chainSponsor })
    .where(and(eq(log.id, logId), isNull(log.chainTrialId)));
  const stored = await chainRegistrationOf(tx, logId);
  if (stored?.chainTrialId !== id) throw new Error(`log ${logId} is registered on chain as ${stored?.chainTrialId} by ${stored?.sponsor}, not ${id}`);
  return id;
}
