import "server-only";
import { asc, eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { membership, organization, user } from "@/lib/db/schema";
import type { Viewer } from "@/lib/server/auth/viewer";
import { AppError } from "@/lib/server/errors/app-error";

/** The site organizations and regulators a sponsor admin can add to a trial, for the pickers. */
export async function listAssignableParties(viewer: Viewer) {
  if (!viewer.roles.includes("sponsor_admin")) throw new AppError("FORBIDDEN", "Only sponsor admins can add sites and regulators.");
  const database = await db();
  const sites = await database
    .select({ id: organization.id, name: organization.name })
    .from(organization)
    .where(eq(organization.kind, "site"))
    .orderBy(asc(organization.name));
  const regulators = await database
    .select({ userId: user.id, name: user.name, organizationName: organization.name })
    .from(membership)
    .innerJoin(user, eq(user.id, membership.userId))
    .innerJoin(organization, eq(organization.id, membership.organizationId))
    .where(eq(membership.role, "regulator"))
    .orderBy(asc(user.name));
  return { sites, regulators };
}
