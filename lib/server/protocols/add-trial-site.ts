import "server-only";
import { and, eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { organization, trialSite } from "@/lib/db/schema";
import type { TAddSiteRequest } from "@/lib/schemas/protocol";
import type { Viewer } from "@/lib/server/auth/viewer";
import { AppError } from "@/lib/server/errors/app-error";
import { recordDomainChange } from "@/lib/server/audit/record-domain-change";
import { sponsorActor, sponsorTrialFor } from "./sponsor-trial-access";

/** Adds a site organization to the trial: the `trial.site_added` record and the trial_site row, in one transaction. */
export async function addTrialSite(viewer: Viewer, trialId: string, request: TAddSiteRequest) {
  const database = await db();
  return database.transaction(async (tx) => {
    const row = await sponsorTrialFor(tx, viewer, trialId, { lock: true });
    const [site] = await tx.select().from(organization).where(eq(organization.id, request.siteOrgId));
    if (!site || site.kind !== "site")
      throw new AppError("UNPROCESSABLE", "That is not a site organization.", {
        siteOrgId: ["Choose a site organization"],
      });
    const [existing] = await tx
      .select()
      .from(trialSite)
      .where(and(eq(trialSite.trialId, trialId), eq(trialSite.siteOrgId, site.id)));
    if (existing) throw new AppError("CONFLICT", `${site.name} is already a site of ${row.publicId}.`);
    const record = await recordDomainChange(tx, sponsorActor(viewer, row), {
      kind: "trial.site_added",
      trial: row,
      body: { siteId: site.id, name: site.name },
    });
    await tx.insert(trialSite).values({ trialId, siteOrgId: site.id, leafIndex: record.index, createdBy: viewer.userId });
    return { siteOrgId: site.id, name: site.name, leafIndex: record.index, leafHash: record.leafHash };
  });
}
