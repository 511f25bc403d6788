import "server-only";
import { desc, inArray } from "drizzle-orm";
import { trial } from "@/lib/db/schema";
import { db } from "@/lib/db/client";
import type { Viewer } from "@/lib/server/auth/viewer";
import { AppError } from "@/lib/server/errors/app-error";

/** The trials of the sponsor organizations the viewer administers. */
export async function listSponsorTrials(viewer: Viewer) {
  const orgIds = viewer.memberships.filter((m) => m.role === "sponsor_admin").map((m) => m.organizationId);
  if (orgIds.length === 0) throw new AppError("FORBIDDEN", "Only sponsor admins can see their trials.");
  const database = await db();
  return database.select().from(trial).where(inArray(trial.sponsorOrgId, orgIds)).orderBy(desc(trial.createdAt));
}
