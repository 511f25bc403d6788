import "server-only";
import { eq } from "drizzle-orm";
import type { Database, Tx } from "@/lib/db/client";
import { membership, organization } from "@/lib/db/schema";
import { ROLES, type Role } from "@/lib/schemas/roles";

export interface Membership {
  id: string;
  role: Role;
  organizationId: string;
  organizationName: string;
  organizationKind: "sponsor" | "site" | "regulator" | "platform";
}

export async function membershipsOf(tx: Tx | Database, userId: string): Promise<Membership[]> {
  const rows = await tx
    .select({
      id: membership.id,
      role: membership.role,
      organizationId: membership.organizationId,
      organizationName: organization.name,
      organizationKind: organization.kind,
    })
    .from(membership)
    .innerJoin(organization, eq(organization.id, membership.organizationId))
    .where(eq(membership.userId, userId));
  return rows.sort((a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role));
}

export async function primaryRoleOf(tx: Tx | Database, userId: string): Promise<Role | null> {
  return (await membershipsOf(tx, userId))[0]?.role ?? null;
}
