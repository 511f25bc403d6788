import "server-only";
import { asc, eq } from "drizzle-orm";
import { membership, organization, user } from "@/lib/db/schema";
import { db } from "@/lib/db/client";
import type { Viewer } from "@/lib/server/auth/viewer";
import { AppError } from "@/lib/server/errors/app-error";

/** People, their roles and the organizations, for the platform admin's role management. */
export async function listPeople(viewer: Viewer) {
  if (!viewer.roles.includes("platform_admin")) throw new AppError("FORBIDDEN", "Only platform admins can see people.");
  const database = await db();
  const people = await database.select({ id: user.id, name: user.name, email: user.email }).from(user).orderBy(asc(user.name));
  const roles = await database
    .select({
      userId: membership.userId,
      role: membership.role,
      organizationId: membership.organizationId,
      organizationName: organization.name,
    })
    .from(membership)
    .innerJoin(organization, eq(organization.id, membership.organizationId));
  const organizations = await database.select().from(organization).orderBy(asc(organization.name));
  return {
    people: people.map((p) => ({ ...p, roles: roles.filter((r) => r.userId === p.id) })),
    organizations,
  };
}
