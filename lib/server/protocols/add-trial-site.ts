import "server-only";
import { db } from "@/lib/db/client";
import type { TAddSiteRequest } from "@/lib/schemas/protocol";
import type { Viewer } from "@/lib/server/auth/viewer";
import { AppError } from "@/lib/server/errors/app-error";
import { joinTrialSite } from "./join-trial-site";
import { sponsorActor, sponsorTrialFor } from "./sponsor-trial-access";

/** Adds a site organization to the trial: the `trial.site_added` record and the trial_site row, in one transaction. */
export async function addTrialSite(viewer: Viewer, trialId: string, request: TAddSiteRequest) {
  const database = await db();
  return database.transaction(async (tx) => {
    const row = await sponsorTrialFor(tx, viewer, trialId, { lock: true });
    const { site, added } = await joinTrialSite(tx, sponsorActor(viewer, row), row, request.siteOrgId, viewer.userId);
    if (!added) throw new AppError("CONFLICT", `${site.name} is already a site of ${row.publicId}.`);
    return { siteOrgId: site.id, name: site.name, leafIndex: added.index, leafHash: added.leafHash };
  });
}
