import "server-only";
import { desc, inArray } from "drizzle-orm";
import { invitation, participant } from "@/lib/db/schema";
import { db } from "@/lib/db/client";
import type { Viewer } from "@/lib/server/auth/viewer";
import { AppError } from "@/lib/server/errors/app-error";

/**
 * The investigator's site roster: participants by pseudonym and the invitations sent. Participant
 * names are deliberately not joined in: the roster works on pseudonyms.
 */
export async function listSiteRoster(viewer: Viewer) {
  const siteIds = viewer.memberships.filter((m) => m.role === "investigator").map((m) => m.organizationId);
  if (siteIds.length === 0) throw new AppError("FORBIDDEN", "Only site investigators can see the site roster.");
  const database = await db();
  const participants = await database
    .select({ id: participant.id, createdAt: participant.createdAt })
    .from(participant)
    .where(inArray(participant.siteOrgId, siteIds))
    .orderBy(desc(participant.createdAt));
  const invitations = await database
    .select({ id: invitation.id, email: invitation.email, status: invitation.status, expiresAt: invitation.expiresAt, createdAt: invitation.createdAt })
    .from(invitation)
    .where(inArray(invitation.organizationId, siteIds))
    .orderBy(desc(invitation.createdAt))
    .limit(50);
  return { participants, invitations };
}

