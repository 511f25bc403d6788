import "server-only";
import { eq } from "drizzle-orm";
import { log, participant, trial } from "@/lib/db/schema";
import type { Database, Tx } from "@/lib/db/client";
import type { Viewer } from "@/lib/server/auth/viewer";
import { AppError } from "@/lib/server/errors/app-error";

/**
 * What of one log a viewer may read, decided from the session and the data (never from the UI):
 *  - platform admins: every log;
 *  - sponsor admins: the logs of trials whose sponsor organization they administer;
 *  - regulators: every trial log. Assignment of regulators to trials is not modelled yet; once it is, this
 *    becomes "the trials they are assigned to";
 *  - participants: only records whose subject is their own pseudonymous participant id, in any log.
 * The portal-wide log (sign-ins, role changes of everyone) is for platform admins only, apart from a
 * participant's own records.
 */
export interface LogReadScope {
  readonly logId: string;
  readonly trial: { id: string; publicId: string; title: string; sponsorOrgId: string } | null;
  /** The whole log (every record, the audit bundle). */
  readonly wholeLog: boolean;
  /** Participant ids whose records the viewer may read individually. */
  readonly ownSubjects: ReadonlySet<string>;
}

/** Throws NOT_FOUND when the log does not exist. */
export async function logReadScope(tx: Tx | Database, viewer: Viewer, logId: string): Promise<LogReadScope> {
  const [row] = await tx
    .select({ id: log.id, trialId: log.trialId, publicId: trial.publicId, title: trial.title, sponsorOrgId: trial.sponsorOrgId })
    .from(log)
    .leftJoin(trial, eq(trial.id, log.trialId))
    .where(eq(log.id, logId));
  if (!row) throw new AppError("NOT_FOUND", `No records found for ${logId}.`);
  const trialRow =
    row.trialId !== null && row.publicId !== null && row.title !== null && row.sponsorOrgId !== null
      ? { id: row.trialId, publicId: row.publicId, title: row.title, sponsorOrgId: row.sponsorOrgId }
      : null;

  const isAdmin = viewer.roles.includes("platform_admin");
  const isSponsor = trialRow !== null && viewer.memberships.some((m) => m.role === "sponsor_admin" && m.organizationId === trialRow.sponsorOrgId);
  const isRegulator = trialRow !== null && viewer.roles.includes("regulator");

  let ownSubjects = new Set<string>();
  if (viewer.roles.includes("participant")) {
    const rows = await tx.select({ id: participant.id }).from(participant).where(eq(participant.userId, viewer.userId));
    ownSubjects = new Set(rows.map((r) => r.id));
  }
  return { logId, trial: trialRow, wholeLog: isAdmin || isSponsor || isRegulator, ownSubjects };
}

/** A single record: the whole log, or a record about the viewer themself. */
export function assertMayReadRecord(scope: LogReadScope, subject: string | null): void {
  if (scope.wholeLog) return;
  if (subject !== null && scope.ownSubjects.has(subject)) return;
  throw new AppError("FORBIDDEN", "You may not read this record: it is not about you and you have no access to this trial's log.");
}

export function assertMayReadLog(scope: LogReadScope): void {
  if (!scope.wholeLog) throw new AppError("FORBIDDEN", `You have no access to the whole log of ${scope.logId}.`);
}
