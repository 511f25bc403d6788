import "server-only";
import { and, eq } from "drizzle-orm";
import { invitation, membership, participant, trial, trialSiteInvestigator } from "@/lib/db/schema";
import { db } from "@/lib/db/client";
import type { TAcceptInvitationRequest } from "@/lib/schemas/invitations";
import { recordDomainChange } from "@/lib/server/audit/record-domain-change";
import { AppError } from "@/lib/server/errors/app-error";
import { newId } from "@/lib/server/ids";
import { createPasswordUser } from "@/lib/server/users/create-password-user";
import { hashInvitationToken } from "./create-invitation";

/**
 * Accepting creates the account and the site membership, then what the invitation was for in its trial: a
 * participant's enrolment (pseudonym, trial and site), or an investigator's assignment to the trial at that site
 * (and to nothing else held there). It consumes the invitation and records the acceptance in the trial's log, all in
 * one transaction: a link can be used once, and a failure leaves nothing behind.
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
    const [invitedTo] = row.trialId ? await tx.select({ id: trial.id, publicId: trial.publicId }).from(trial).where(eq(trial.id, row.trialId)) : [];
    // Written before invitations named their trial: there is no trial to join it to.
    if (!invitedTo) throw new AppError("GONE", "This invitation does not name a trial and can no longer be used. Ask your site for a new one.");

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
      await tx.insert(participant).values({ id: participantId, userId, siteOrgId: row.organizationId, trialId: invitedTo.id });
    } else if (row.role === "investigator") {
      await tx.insert(trialSiteInvestigator).values({
        trialId: invitedTo.id,
        siteOrgId: row.organizationId,
        userId,
        invitationId: row.id,
        createdBy: row.invitedBy,
      });
    }
    const updated = await tx
      .update(invitation)
      .set({ status: "accepted", acceptedAt: new Date(), acceptedUserId: userId })
      .where(and(eq(invitation.id, row.id), eq(invitation.status, "pending")))
      .returning({ id: invitation.id });
    if (updated.length !== 1) throw new AppError("GONE", "This invitation has already been used.");
    await recordDomainChange(
      tx,
      { userId, role: row.role, organizationId: row.organizationId },
      {
        kind: "auth.invitation_accepted",
        trial: invitedTo,
        subject: row.role === "participant" ? participantId : undefined,
        body: { invitationId: row.id },
        details: { organizationId: row.organizationId, role: row.role },
      },
    );
    return {
      userId,
      email: row.email,
      role: row.role,
      participantId: row.role === "participant" ? participantId : null,
    };
  });
}
