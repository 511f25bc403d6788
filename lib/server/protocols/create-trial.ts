import "server-only";
import { desc, like, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { protocolDraft, trial } from "@/lib/db/schema";
import type { TCreateTrialRequest } from "@/lib/schemas/protocol";
import type { Viewer } from "@/lib/server/auth/viewer";
import { AppError } from "@/lib/server/errors/app-error";
import { newId } from "@/lib/server/ids";
import { sponsorOrgsOf } from "./sponsor-trial-access";

/**
 * A new draft trial in the viewer's sponsor organization, with the next public id of the year (TP-YYYY-NNNN) and an
 * empty protocol draft seeded with the title. Ids are allocated under a transaction-scoped advisory lock, so two
 * sponsors creating trials at once never collide.
 */
export async function createTrial(viewer: Viewer, request: TCreateTrialRequest): Promise<{ trialId: string; publicId: string }> {
  const orgs = sponsorOrgsOf(viewer);
  if (orgs.length === 0) throw new AppError("FORBIDDEN", "Only sponsor admins can create trials.");
  const sponsorOrgId = request.sponsorOrgId ?? orgs[0]!;
  if (!orgs.includes(sponsorOrgId)) throw new AppError("FORBIDDEN", "You are not a sponsor admin of that organization.");
  if (!request.sponsorOrgId && orgs.length > 1) {
    throw new AppError("UNPROCESSABLE", "You administer several sponsor organizations: choose one.", {
      sponsorOrgId: ["Choose the sponsor organization"],
    });
  }
  const database = await db();
  return database.transaction(async (tx) => {
    const year = new Date().getUTCFullYear();
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`trial-public-id-${year}`}))`);
    const prefix = `TP-${year}-`;
    const [last] = await tx
      .select({ publicId: trial.publicId })
      .from(trial)
      .where(like(trial.publicId, `${prefix}%`))
      .orderBy(desc(sql`length(${trial.publicId})`), desc(trial.publicId))
      .limit(1);
    const n = last ? Number(last.publicId.slice(prefix.length)) : 0;
    const publicId = `${prefix}${String(n + 1).padStart(4, "0")}`;
    const trialId = newId("tri");
    await tx.insert(trial).values({
      id: trialId,
      publicId,
      title: request.title.trim(),
      sponsorOrgId,
      createdBy: viewer.userId,
      status: "draft",
    });
    await tx.insert(protocolDraft).values({ trialId, data: { publicTitle: request.title.trim() }, updatedBy: viewer.userId });
    return { trialId, publicId };
  });
}
