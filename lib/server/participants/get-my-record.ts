import "server-only";
import { eq } from "drizzle-orm";
import { organization, participant } from "@/lib/db/schema";
import { db } from "@/lib/db/client";
import type { Viewer } from "@/lib/server/auth/viewer";
import { AppError } from "@/lib/server/errors/app-error";

/** A participant's own record: the pseudonym their data is filed under and their site. */
export async function getMyRecord(viewer: Viewer) {
  if (!viewer.roles.includes("participant")) throw new AppError("FORBIDDEN", "Only participants have a participant record.");
  const database = await db();
  const [row] = await database
    .select({ id: participant.id, createdAt: participant.createdAt, siteName: organization.name })
    .from(participant)
    .innerJoin(organization, eq(organization.id, participant.siteOrgId))
    .where(eq(participant.userId, viewer.userId));
  if (!row) throw new AppError("NOT_FOUND", "Participant record not found.");
  return row;
}
