import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { participant, protocolVersion, trial } from "@/lib/db/schema";
import type { Database, Tx } from "@/lib/db/client";
import { recordableScheduleOf, type RecordableSchedule } from "@/lib/protocols/recordable-measures";
import { viewerActor } from "@/lib/server/audit/actor";
import { recordDomainChange } from "@/lib/server/audit/record-domain-change";
import type { Viewer } from "@/lib/server/auth/viewer";
import { AppError, notFound } from "@/lib/server/errors/app-error";
import { investigatorAssignmentsOf } from "@/lib/server/sites/investigator-assignments";
import type { DataRefusal } from "@/lib/vocabulary/data-refusal";

export type ParticipantRow = typeof participant.$inferSelect;
export interface TrialRef {
  id: string;
  publicId: string;
}

export function requireInvestigator(viewer: Viewer): void {
  if (!viewer.roles.includes("investigator")) throw new AppError("FORBIDDEN", "Only site investigators record and read outcome data.");
}

/**
 * A participant an investigator acts on, and their trial: `denied` when the investigator is not assigned to the
 * participant's trial at the participant's site (the caller answers 404, as for a participant that does not exist,
 * after auditing the attempt). `lock` serializes one participant's recordings with their consent changes.
 */
export async function participantInScope(
  tx: Tx | Database,
  viewer: Viewer,
  participantId: string,
  opts: { lock?: boolean } = {},
): Promise<{ who: ParticipantRow; trial: TrialRef; denied: boolean }> {
  const query = tx.select().from(participant).where(eq(participant.id, participantId));
  const [who] = opts.lock ? await query.for("update") : await query;
  if (!who) throw notFound("Participant");
  const [trialRow] = await tx.select({ id: trial.id, publicId: trial.publicId }).from(trial).where(eq(trial.id, who.trialId));
  const assignments = await investigatorAssignmentsOf(tx, viewer);
  const denied = !assignments.some((a) => a.trialId === who.trialId && a.siteOrgId === who.siteOrgId);
  return { who, trial: trialRow!, denied };
}

/** The measures and visits of the trial's current registered protocol version (the highest confirmed on chain). */
export async function registeredScheduleOf(tx: Tx | Database, trialId: string): Promise<(RecordableSchedule & { version: number }) | null> {
  const [current] = await tx
    .select({ version: protocolVersion.version, protocol: protocolVersion.protocol })
    .from(protocolVersion)
    .where(and(eq(protocolVersion.trialId, trialId), eq(protocolVersion.chainState, "confirmed")))
    .orderBy(desc(protocolVersion.version))
    .limit(1);
  return current ? { version: current.version, ...recordableScheduleOf(current.protocol) } : null;
}

export interface Refusal {
  code: DataRefusal;
  message: string;
}

/**
 * Audits a refused recording or correction as an `access.denied` record of the participant's trial (the refusal
 * code is its reason; the value itself is written nowhere), in the caller's transaction, which then commits: the
 * use case throws only after it, so the refusal stays in the audit trail while nothing else is written.
 */
export async function auditRefusal(
  tx: Tx,
  viewer: Viewer,
  scope: { who: ParticipantRow; trial: TrialRef },
  point: { measure: string; visit: string },
  refusal: Refusal,
): Promise<void> {
  // Outside their scope the investigator acts for none of their sites: the participant's site is not named as theirs.
  const actor = refusal.code === "not_assigned" ? viewerActor(viewer, "investigator") : viewerActor(viewer, "investigator", scope.who.siteOrgId);
  await recordDomainChange(tx, actor, {
    kind: "access.denied",
    trial: scope.trial,
    subject: scope.who.id,
    body: { resource: "outcomes", resourceId: `${point.measure}/${point.visit}`, reason: refusal.code },
    details: { siteOrgId: scope.who.siteOrgId, message: refusal.message },
  });
}

/** The error a refusal answers with once audited: 404 outside the investigator's scope, 409 for the consent gate. */
export const refusalError = (refusal: Refusal): AppError =>
  refusal.code === "not_assigned" ? notFound("Participant") : new AppError("CONFLICT", refusal.message);
