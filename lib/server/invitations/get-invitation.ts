import "server-only";
import { eq } from "drizzle-orm";
import { invitation, organization } from "@/lib/db/schema";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/server/errors/app-error";
import { hashInvitationToken } from "./create-invitation";

/** What the invitee sees before accepting. Unknown → 404; used, revoked or expired → 410. */
export async function getInvitation(token: string) {
  const database = await db();
  const [row] = await database
    .select({
      id: invitation.id,
      email: invitation.email,
      role: invitation.role,
      status: invitation.status,
      expiresAt: invitation.expiresAt,
      organizationName: organization.name,
    })
    .from(invitation)
    .innerJoin(organization, eq(organization.id, invitation.organizationId))
    .where(eq(invitation.tokenHash, hashInvitationToken(token)));
  if (!row) throw new AppError("NOT_FOUND", "This invitation link is not valid.");
  if (row.status !== "pending") throw new AppError("GONE", "This invitation has already been used.");
  if (row.expiresAt.getTime() <= Date.now()) throw new AppError("GONE", "This invitation has expired. Ask your site for a new one.");
  return row;
}
