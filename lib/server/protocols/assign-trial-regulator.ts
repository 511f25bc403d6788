import "server-only";
import { and, eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { membership, organization, trialRegulator } from "@/lib/db/schema";
import type { TAssignRegulatorRequest } from "@/lib/schemas/protocol";
import type { Viewer } from "@/lib/server/auth/viewer";
import { AppError } from "@/lib/server/errors/app-error";
import { recordDomainChange } from "@/lib/server/audit/record-domain-change";
import { sponsorActor, sponsorTrialFor } from "./sponsor-trial-access";

/** Assigns a regulator (a user holding the regulator role) to the trial: `trial.regulator_assigned` + trial_regulator. */
export async function assignTrialRegulator(viewer: Viewer, trialId: string, request: TAssignRegulatorRequest) {
  const database = await db();
  return database.transaction(async (tx) => {
    const row = await sponsorTrialFor(tx, viewer, trialId, { lock: true });
    const [reg] = await tx
      .select({ orgName: organization.name })
      .from(membership)
      .innerJoin(organization, eq(organization.id, membership.organizationId))
      .where(and(eq(membership.userId, request.userId), eq(membership.role, "regulator")))
      .limit(1);
    if (!reg)
      throw new AppError("UNPROCESSABLE", "That person does not hold the regulator role.", {
        userId: ["Choose a regulator"],
      });
    const [existing] = await tx
      .select()
      .from(trialRegulator)
      .where(and(eq(trialRegulator.trialId, trialId), eq(trialRegulator.userId, request.userId)));
    if (existing) throw new AppError("CONFLICT", `That regulator is already assigned to ${row.publicId}.`);
    const record = await recordDomainChange(tx, sponsorActor(viewer, row), {
      kind: "trial.regulator_assigned",
      trial: row,
      body: { regulatorId: request.userId, authority: reg.orgName.slice(0, 200) },
    });
    await tx.insert(trialRegulator).values({ trialId, userId: request.userId, leafIndex: record.index, createdBy: viewer.userId });
    return { userId: request.userId, leafIndex: record.index, leafHash: record.leafHash };
  });
}
