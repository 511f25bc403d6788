import "server-only";
import { and, eq } from "drizzle-orm";
import { log, participant, trial, trialRegulator } from "@/lib/db/schema";
import type { Database, Tx } from "@/lib/db/client";
import type { Viewer } from "@/lib/server/auth/viewer";
import { AppError } from "@/lib/server/errors/app-error";
import { storedLeaf, type StoredLeaf } from "@/lib/server/receipts/record-anchoring";

/**
 * What of one log a viewer may read, decided from the session and the data (never from the UI):
 *  - platform admins: every log;
 *  - sponsor admins: the logs of trials whose sponsor organization they administer, drafts included;
 *  - regulators: the logs of registered trials they are assigned to (trial_regulator); never a draft or a trial not
 *    yet registered on chain, even if assigned;
 *  - participants: only records whose subject is their own pseudonymous participant id, in any log.
 * The portal-wide log (sign-ins, role changes of everyone) is for platform admins only, apart from a
 * participant's own records.
 *
 * A caller without access learns nothing about which logs exist: a log they may not read, a record they may not
 * read and a log or record that does not exist all answer the same NOT_FOUND (logNotAvailable).
 */
export interface LogReadScope {
  readonly logId: string;
  readonly trial: { id: string; publicId: string; title: string; sponsorOrgId: string } | null;
  /** The whole log (every record, the audit bundle). */
  readonly wholeLog: boolean;
  /** Participant ids whose records the viewer may read individually. */
  readonly ownSubjects: ReadonlySet<string>;
}

/** The one answer to a caller who may not read a log or record, whether or not it exists. */
export const logNotAvailable = () => new AppError("NOT_FOUND", "No log or record with that id is available to you.");

/** Throws logNotAvailable when the log does not exist, or when the viewer could read nothing of it. */
export async function logReadScope(tx: Tx | Database, viewer: Viewer, logId: string): Promise<LogReadScope> {
  const [row] = await tx
    .select({
      id: log.id,
      trialId: log.trialId,
      publicId: trial.publicId,
      title: trial.title,
      sponsorOrgId: trial.sponsorOrgId,
      registeredAt: trial.registeredAt,
    })
    .from(log)
    .leftJoin(trial, eq(trial.id, log.trialId))
    .where(eq(log.id, logId));
  if (!row) throw logNotAvailable();
  const trialRow =
    row.trialId !== null && row.publicId !== null && row.title !== null && row.sponsorOrgId !== null
      ? { id: row.trialId, publicId: row.publicId, title: row.title, sponsorOrgId: row.sponsorOrgId }
      : null;

  const isAdmin = viewer.roles.includes("platform_admin");
  const isSponsor = trialRow !== null && viewer.memberships.some((m) => m.role === "sponsor_admin" && m.organizationId === trialRow.sponsorOrgId);
  const isRegulator =
    trialRow !== null && row.registeredAt !== null && viewer.roles.includes("regulator") && (await isAssignedRegulator(tx, viewer, trialRow.id));
  const wholeLog = isAdmin || isSponsor || isRegulator;
  const isParticipant = viewer.roles.includes("participant");
  if (!wholeLog && !isParticipant) throw logNotAvailable();

  let ownSubjects = new Set<string>();
  if (isParticipant) {
    const rows = await tx.select({ id: participant.id }).from(participant).where(eq(participant.userId, viewer.userId));
    ownSubjects = new Set(rows.map((r) => r.id));
  }
  return { logId, trial: trialRow, wholeLog, ownSubjects };
}

async function isAssignedRegulator(tx: Tx | Database, viewer: Viewer, trialId: string): Promise<boolean> {
  const [assigned] = await tx
    .select({ trialId: trialRegulator.trialId })
    .from(trialRegulator)
    .where(and(eq(trialRegulator.trialId, trialId), eq(trialRegulator.userId, viewer.userId)));
  return assigned !== undefined;
}

/** A single record: the whole log, or a record about the viewer themself. */
export function assertMayReadRecord(scope: LogReadScope, subject: string | null): void {
  if (scope.wholeLog) return;
  if (subject !== null && scope.ownSubjects.has(subject)) return;
  throw logNotAvailable();
}

/**
 * The stored leaf of a record the viewer may read. To a reader of the whole log a missing index is "record not
 * found"; to anyone else it is the same answer as a record they may not read, so the log's length stays hidden.
 */
export async function readableLeaf(tx: Tx | Database, scope: LogReadScope, index: number): Promise<StoredLeaf> {
  const leaf = await storedLeaf(tx, scope.logId, index).catch((error: unknown) => {
    if (!scope.wholeLog && error instanceof AppError && error.code === "NOT_FOUND") throw logNotAvailable();
    throw error;
  });
  assertMayReadRecord(scope, leaf.subject);
  return leaf;
}

export function assertMayReadLog(scope: LogReadScope): void {
  if (!scope.wholeLog) throw logNotAvailable();
}
