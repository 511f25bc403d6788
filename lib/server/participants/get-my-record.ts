import "server-only";
import { eq } from "drizzle-orm";
import { organization, participant, trial } from "@/lib/db/schema";
import { db } from "@/lib/db/client";
import type { Viewer } from "@/lib/server/auth/viewer";
import { AppError } from "@/lib/server/errors/app-error";

/** A participant's own enrolment: the pseudonym their data is filed under, the trial and the site. */
export async function getMyRecord(viewer: Viewer) {
  if (!viewer.roles.includes("participant")) throw new AppError("FORBIDDEN", "Only participants have a participant record.");
  const database = await db();
  const [row] = await database
    .select({
      id: participant.id,
      createdAt: participant.createdAt,
      siteName: organization.name,
      trialPublicId: trial.publicId,
      trialTitle: trial.title,
    })
    .from(participant)
    .innerJoin(organization, eq(organization.id, participant.siteOrgId))
    .innerJoin(trial, eq(trial.id, participant.trialId))
    .where(eq(participant.userId, viewer.userId));
  if (!row) throw new AppError("NOT_FOUND", "Participant record not found.");
  return row;
}
