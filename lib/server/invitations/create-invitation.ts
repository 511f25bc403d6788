import "server-only";
import { createHash } from "node:crypto";
import { invitation } from "@/lib/db/schema";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { TCreateInvitationRequest } from "@/lib/schemas/invitations";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import type { Viewer } from "@/lib/server/auth/viewer";
import { AppError } from "@/lib/server/errors/app-error";
import { newId, newToken } from "@/lib/server/ids";

export const hashInvitationToken = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * Site staff invite a participant to their site. The link is returned once; only its hash is kept.
 */
export async function createInvitation(viewer: Viewer, input: TCreateInvitationRequest) {
  const site = viewer.memberships.find((m) => m.role === "investigator" && m.organizationKind === "site");
  if (!site) throw new AppError("FORBIDDEN", "Only site investigators can invite participants.");
  const token = newToken();
  const id = newId("inv");
  const expiresAt = new Date(Date.now() + env().INVITATION_TTL_HOURS * 3600_000);
  const database = await db();
  await database.transaction(async (tx) => {
    await tx.insert(invitation).values({
      id,
      tokenHash: hashInvitationToken(token),
      email: input.email.toLowerCase(),
      role: "participant",
      organizationId: site.organizationId,
      invitedBy: viewer.userId,
      expiresAt,
    });
    await recordAuditEvent(tx, {
      kind: "auth.invitation_created",
      actorUserId: viewer.userId,
      actorRole: "investigator",
      body: { invitationId: id, role: "participant", organizationId: site.organizationId, expiresAt: expiresAt.toISOString() },
    });
  });
  return { id, token, expiresAt, path: `/invite/${token}` };
}
