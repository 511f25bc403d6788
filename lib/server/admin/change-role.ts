import "server-only";
import { and, eq } from "drizzle-orm";
import { membership, organization, user } from "@/lib/db/schema";
import { db } from "@/lib/db/client";
import { ROLE_ORG_KIND } from "@/lib/schemas/roles";
import type { TChangeRoleRequest } from "@/lib/schemas/admin";
import { recordRoleOf, viewerActor } from "@/lib/server/audit/actor";
import { recordDomainChange } from "@/lib/server/audit/record-domain-change";
import type { Viewer } from "@/lib/server/auth/viewer";
import { AppError } from "@/lib/server/errors/app-error";
import { newId } from "@/lib/server/ids";

/** A platform admin grants or revokes a role; the change and its reason are audited together. */
export async function changeRole(viewer: Viewer, input: TChangeRoleRequest) {
  if (!viewer.roles.includes("platform_admin")) throw new AppError("FORBIDDEN", "Only platform admins can change roles.");
  if (input.change === "revoke" && input.userId === viewer.userId && input.role === "platform_admin") {
    throw new AppError("UNPROCESSABLE", "You cannot revoke your own platform admin role.", {
      role: ["own admin role"],
    });
  }
  const database = await db();
  return database.transaction(async (tx) => {
    const person = await tx.query.user.findFirst({ where: eq(user.id, input.userId), columns: { id: true } });
    if (!person) throw new AppError("NOT_FOUND", "Person not found.", { userId: ["unknown person"] });
    const org = await tx.query.organization.findFirst({ where: eq(organization.id, input.organizationId) });
    if (!org) throw new AppError("NOT_FOUND", "Organization not found.", { organizationId: ["unknown organization"] });
    if (ROLE_ORG_KIND[input.role] !== org.kind) {
      throw new AppError("UNPROCESSABLE", `The role ${input.role} belongs to a ${ROLE_ORG_KIND[input.role]} organization.`, {
        role: [`not valid in a ${org.kind} organization`],
      });
    }
    const where = and(eq(membership.userId, input.userId), eq(membership.organizationId, input.organizationId), eq(membership.role, input.role));
    let membershipId: string;
    if (input.change === "grant") {
      const existing = await tx.query.membership.findFirst({ where, columns: { id: true } });
      if (existing) throw new AppError("CONFLICT", "This person already has that role there.");
      membershipId = newId("mem");
      await tx.insert(membership).values({ id: membershipId, ...input, createdBy: viewer.userId });
    } else {
      const removed = await tx.delete(membership).where(where).returning({ id: membership.id });
      if (!removed[0]) throw new AppError("NOT_FOUND", "This person does not have that role there.");
      membershipId = removed[0].id;
    }
    const role = recordRoleOf(input.role);
    await recordDomainChange(tx, viewerActor(viewer, "platform_admin"), {
      kind: "role.changed",
      body: {
        userId: input.userId,
        from: input.change === "grant" ? null : role,
        to: input.change === "grant" ? role : null,
        reason: input.reason,
        via: "admin",
      },
      details: {
        membershipId,
        userId: input.userId,
        organizationId: input.organizationId,
        role: input.role,
        change: input.change,
        reason: input.reason,
      },
    });
    return { membershipId };
  });
}
