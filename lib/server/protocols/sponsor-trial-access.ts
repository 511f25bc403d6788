import "server-only";
import { eq } from "drizzle-orm";
import { trial } from "@/lib/db/schema";
import type { Database, Tx } from "@/lib/db/client";
import type { Viewer } from "@/lib/server/auth/viewer";
import { AppError, notFound } from "@/lib/server/errors/app-error";
import { viewerActor, type AuditActor } from "@/lib/server/audit/actor";

export type TrialRow = typeof trial.$inferSelect;

/** The sponsor organizations the viewer administers. */
export function sponsorOrgsOf(viewer: Viewer): string[] {
  return viewer.memberships.filter((m) => m.role === "sponsor_admin").map((m) => m.organizationId);
}

/**
 * Loads a trial for a sponsor action: 404 when it does not exist, 403 unless the viewer is a sponsor admin of the
 * trial's sponsor organization. `lock` takes a row lock so that concurrent actions on one trial are serialized.
 */
export async function sponsorTrialFor(tx: Tx | Database, viewer: Viewer, trialId: string, opts: { lock?: boolean } = {}): Promise<TrialRow> {
  const query = tx.select().from(trial).where(eq(trial.id, trialId));
  const [row] = opts.lock ? await query.for("update") : await query;
  if (!row) throw notFound("Trial");
  if (!sponsorOrgsOf(viewer).includes(row.sponsorOrgId)) {
    throw new AppError("FORBIDDEN", "Only the sponsor admins of this trial's sponsor organization can change it.");
  }
  return row;
}

/**
 * A sponsor admin acting for the trial's sponsor organization; the log record's actor names their linked wallet
 * when there is exactly one (the wallet that signs on chain).
 */
export function sponsorActor(viewer: Viewer, trial: TrialRow): AuditActor {
  const actor = viewerActor(viewer, "sponsor_admin", trial.sponsorOrgId);
  return viewer.wallets.length === 1 ? { ...actor, wallet: viewer.wallets[0]!.toLowerCase() } : actor;
}
