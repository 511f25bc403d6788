import "server-only";
import { and, asc, eq, isNotNull } from "drizzle-orm";
import { trial, trialRegulator } from "@/lib/db/schema";
import { db } from "@/lib/db/client";
import type { Viewer } from "@/lib/server/auth/viewer";
import { AppError } from "@/lib/server/errors/app-error";

/**
 * The trials a regulator may audit: those a sponsor assigned them to (trial_regulator) that are registered on
 * chain. A draft or a trial awaiting registration stays out even when assigned, as in logReadScope, which decides
 * what each of these links may actually read.
 */
export async function listAssignedTrials(viewer: Viewer) {
  if (!viewer.roles.includes("regulator")) throw new AppError("FORBIDDEN", "Only regulators have assigned trials.");
  const database = await db();
  return database
    .select({
      publicId: trial.publicId,
      title: trial.title,
      status: trial.status,
      registeredAt: trial.registeredAt,
      assignedAt: trialRegulator.createdAt,
    })
    .from(trialRegulator)
    .innerJoin(trial, eq(trial.id, trialRegulator.trialId))
    .where(and(eq(trialRegulator.userId, viewer.userId), isNotNull(trial.registeredAt)))
    .orderBy(asc(trial.publicId));
}
