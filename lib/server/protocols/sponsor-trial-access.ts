import "server-only";
import { eq } from "drizzle-orm";
import { trial } from "@/lib/db/schema";
import type { Database, Tx } from "@/lib/db/client";
import type { Viewer } from "@/lib/server/auth/viewer";
import { AppError, notFound } from "@/lib/server/errors/app-error";
import type { Actor } from "@/lib/integrity";

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

/** The envelope actor for a sponsor admin (pseudonymous user id; a linked wallet when there is exactly one). */
export function sponsorActor(viewer: Viewer): Actor {
  const wallets = viewer.wallets.map((w) => w.toLowerCase());
  return wallets.length === 1 ? { role: "sponsor", id: viewer.userId, wallet: wallets[0] } : { role: "sponsor", id: viewer.userId };
}
