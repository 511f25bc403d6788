import "server-only";
import { and, eq } from "drizzle-orm";
import { invitation, membership, participant } from "@/lib/db/schema";
import { db } from "@/lib/db/client";
import type { TAcceptInvitationRequest } from "@/lib/schemas/invitations";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { AppError } from "@/lib/server/errors/app-error";
import { newId } from "@/lib/server/ids";
import { createPasswordUser } from "@/lib/server/users/create-password-user";
import { hashInvitationToken } from "./create-invitation";

/**
 * Accepting creates the account, the participant membership and pseudonym, consumes the invitation
 * and writes the audit event, all in one transaction: a link can be used once, and a failure leaves
 * nothing behind.
 */
export async function acceptInvitation(token: string, input: TAcceptInvitationRequest) {
  const database = await db();
  return database.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(invitation)
      .where(eq(invitation.tokenHash, hashInvitationToken(token)))
      .for("update");
    if (!row) throw new AppError("NOT_FOUND", "This invitation link is not valid.");
    if (row.status !== "pending") throw new AppError("GONE", "This invitation has already been used.");
    if (row.expiresAt.getTime() <= Date.now()) throw new AppError("GONE", "This invitation has expired. Ask your site for a new one.");

    const { userId } = await createPasswordUser(tx, { name: input.name, email: row.email, password: input.password });
    await tx.insert(membership).values({
      id: newId("mem"),
      userId,
      organizationId: row.organizationId,
      role: row.role,
      createdBy: row.invitedBy,
    });
    const participantId = newId("ppt");
    if (row.role === "participant") {
      await tx.insert(participant).values({ id: participantId, userId, siteOrgId: row.organizationId, trialId: row.trialId });
    }
    const updated = await tx
      .update(invitation)
      .set({ status: "accepted", acceptedAt: new Date(), acceptedUserId: userId })
      .where(and(eq(invitation.id, row.id), eq(invitation.status, "pending")))
      .returning({ id: invitation.id });
    if (updated.length !== 1) throw new AppError("GONE", "This invitation has already been used.");
    await recordAuditEvent(tx, {
      kind: "auth.invitation_accepted",
      actorUserId: userId,
      actorRole: row.role,
      subject: row.role === "participant" ? participantId : null,
      body: { invitationId: row.id, organizationId: row.organizationId, role: row.role },
    });
    return { userId, email: row.email, role: row.role, participantId: row.role === "participant" ? participantId : null };
  });
}
