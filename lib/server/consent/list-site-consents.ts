import "server-only";
import { and, desc, eq, gt, or } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { invitation, participant, trial } from "@/lib/db/schema";
import type { Viewer } from "@/lib/server/auth/viewer";
import { AppError } from "@/lib/server/errors/app-error";
import { parseInput } from "@/lib/server/errors/parse-input";
import { investigatorAssignmentsOf } from "@/lib/server/sites/investigator-assignments";
import { ZListSiteConsentsQuerySchema } from "@/lib/schemas/consent";
import { CONSENT_STATUSES, type ConsentStatus } from "@/lib/vocabulary/consent-status";
import { consentStatesOf } from "./consent-status-of";

/**
 * The consents at the investigator's site for the trials they are assigned to there, by status (optionally only
 * one): participants by pseudonym with their derived status, and pending participant invitations as "invited".
 * Nothing of the site's other trials appears (lib/server/sites/investigator-assignments.ts).
 */
export async function listSiteConsents(viewer: Viewer, input: unknown = {}) {
  const { status } = parseInput(ZListSiteConsentsQuerySchema, input, "consent list filter");
  if (!viewer.roles.includes("investigator")) throw new AppError("FORBIDDEN", "Only site investigators can see the site's consents.");
  const database = await db();
  const assignments = await investigatorAssignmentsOf(database, viewer);
  const counts = Object.fromEntries(CONSENT_STATUSES.map((s) => [s, 0])) as Record<ConsentStatus, number>;
  if (assignments.length === 0) return { counts, participants: [], invitations: [] };
  const within = (t: typeof participant.trialId | typeof invitation.trialId, s: typeof participant.siteOrgId | typeof invitation.organizationId) =>
    or(...assignments.map((a) => and(eq(t, a.trialId), eq(s, a.siteOrgId))));
  const rows = await database
    .select()
    .from(participant)
    .where(within(participant.trialId, participant.siteOrgId))
    .orderBy(desc(participant.createdAt));
  const states = await consentStatesOf(database, rows);
  const trials = new Map(assignments.map((a) => [a.trialId, a.publicId]));
  const participants = rows.map((p) => {
    const state = states.get(p.id)!;
    counts[state.status]++;
    return {
      participantId: p.id,
      trialId: p.trialId,
      publicId: trials.get(p.trialId)!,
      siteOrgId: p.siteOrgId,
      status: state.status,
      signatureId: state.signature?.id ?? null,
      formId: state.signature?.formId ?? null,
      formVersion: state.signature?.formVersion ?? null,
      signedAt: state.signature?.signedAt.toISOString() ?? null,
      awaitsCountersignature: state.awaitsCountersignature,
      withdrawalScope: state.withdrawal?.scope ?? null,
    };
  });
  const invitations = await database
    .select({
      id: invitation.id,
      email: invitation.email,
      publicId: trial.publicId,
      createdAt: invitation.createdAt,
      expiresAt: invitation.expiresAt,
    })
    .from(invitation)
    .innerJoin(trial, eq(trial.id, invitation.trialId))
    .where(
      and(
        eq(invitation.role, "participant"),
        eq(invitation.status, "pending"),
        gt(invitation.expiresAt, new Date()),
        within(invitation.trialId, invitation.organizationId),
      ),
    )
    .orderBy(desc(invitation.createdAt));
  counts.invited = invitations.length;
  return {
    counts,
    participants: status ? participants.filter((p) => p.status === status) : participants,
    invitations: !status || status === "invited" ? invitations : [],
  };
}
