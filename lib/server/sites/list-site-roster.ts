import "server-only";
import { and, desc, eq, or, type SQL } from "drizzle-orm";
import { invitation, participant, trial } from "@/lib/db/schema";
import { db } from "@/lib/db/client";
import type { Viewer } from "@/lib/server/auth/viewer";
import { AppError } from "@/lib/server/errors/app-error";
import { investigatorAssignmentsOf, type InvestigatorAssignment } from "./investigator-assignments";

/** Rows whose (trial, site) is one of the assignments. */
function withinAssignments(
  assignments: InvestigatorAssignment[],
  trialColumn: typeof participant.trialId | typeof invitation.trialId,
  siteColumn: typeof participant.siteOrgId | typeof invitation.organizationId,
): SQL | undefined {
  return or(...assignments.map((a) => and(eq(trialColumn, a.trialId), eq(siteColumn, a.siteOrgId))));
}

/**
 * The investigator's roster: the trials they are assigned to at their site, those trials' participants by pseudonym
 * and the participant invitations sent for them. Nothing of the site's other trials (another sponsor's, or one this
 * investigator is not assigned to) appears, not even an invitee's email. Participant names are deliberately not
 * joined in: the roster works on pseudonyms.
 */
export async function listSiteRoster(viewer: Viewer) {
  if (!viewer.roles.includes("investigator")) throw new AppError("FORBIDDEN", "Only site investigators can see the site roster.");
  const database = await db();
  const assignments = await investigatorAssignmentsOf(database, viewer);
  if (assignments.length === 0) return { assignments, participants: [], invitations: [] };
  const participants = await database
    .select({
      id: participant.id,
      trialId: participant.trialId,
      publicId: trial.publicId,
      siteOrgId: participant.siteOrgId,
      createdAt: participant.createdAt,
    })
    .from(participant)
    .innerJoin(trial, eq(trial.id, participant.trialId))
    .where(withinAssignments(assignments, participant.trialId, participant.siteOrgId))
    .orderBy(desc(participant.createdAt));
  const invitations = await database
    .select({
      id: invitation.id,
      email: invitation.email,
      publicId: trial.publicId,
      status: invitation.status,
      expiresAt: invitation.expiresAt,
      createdAt: invitation.createdAt,
    })
    .from(invitation)
    .innerJoin(trial, eq(trial.id, invitation.trialId))
    .where(and(eq(invitation.role, "participant"), withinAssignments(assignments, invitation.trialId, invitation.organizationId)))
    .orderBy(desc(invitation.createdAt))
    .limit(50);
  return { assignments, participants, invitations };
}
