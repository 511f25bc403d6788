import "server-only";
import { createHash } from "node:crypto";
import { invitation } from "@/lib/db/schema";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { TCreateInvitationRequest } from "@/lib/schemas/invitations";
import { recordRoleOf, viewerActor } from "@/lib/server/audit/actor";
import { recordDomainChange } from "@/lib/server/audit/record-domain-change";
import type { Viewer } from "@/lib/server/auth/viewer";
import { AppError } from "@/lib/server/errors/app-error";
import { newId, newToken } from "@/lib/server/ids";
import { investigatorAssignmentsOf } from "@/lib/server/sites/investigator-assignments";

export const hashInvitationToken = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * An investigator invites a participant into one trial at one site: a (trial, site) they are assigned to. The link
 * is returned once; only its hash is kept. The invitation is recorded in that trial's log.
 */
export async function createInvitation(viewer: Viewer, input: TCreateInvitationRequest) {
  if (!viewer.roles.includes("investigator")) throw new AppError("FORBIDDEN", "Only site investigators can invite participants.");
  const token = newToken();
  const id = newId("inv");
  const expiresAt = new Date(Date.now() + env().INVITATION_TTL_HOURS * 3600_000);
  const database = await db();
  await database.transaction(async (tx) => {
    const assignment = (await investigatorAssignmentsOf(tx, viewer)).find((a) => a.trialId === input.trialId && a.siteOrgId === input.siteOrgId);
    // The same answer whether the trial does not exist or belongs to someone else: nothing is learnt about it.
    if (!assignment) {
      throw new AppError("FORBIDDEN", "You can invite participants only into a trial you are assigned to at that site.", {
        trialId: ["Choose a trial you are assigned to"],
      });
    }
    await tx.insert(invitation).values({
      id,
      tokenHash: hashInvitationToken(token),
      email: input.email.toLowerCase(),
      role: "participant",
      organizationId: assignment.siteOrgId,
      trialId: assignment.trialId,
      invitedBy: viewer.userId,
      expiresAt,
    });
    await recordDomainChange(tx, viewerActor(viewer, "investigator", assignment.siteOrgId), {
      kind: "auth.invitation_created",
      trial: { id: assignment.trialId, publicId: assignment.publicId },
      body: { invitationId: id, role: recordRoleOf("participant"), expiresAt: expiresAt.toISOString() },
      details: { role: "participant", organizationId: assignment.siteOrgId },
    });
  });
  return { id, token, expiresAt, path: `/invite/${token}` };
}
