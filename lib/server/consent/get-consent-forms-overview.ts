import "server-only";
import { db } from "@/lib/db/client";
import type { Viewer } from "@/lib/server/auth/viewer";
import { parseInput } from "@/lib/server/errors/parse-input";
import { sponsorTrialFor } from "@/lib/server/protocols/sponsor-trial-access";
import { ZListConsentVersionsQuerySchema } from "@/lib/schemas/consent";
import { listConsentVersions } from "./list-consent-versions";
import { sponsorConsentContext } from "./sponsor-consent-context";

/**
 * The sponsor's consent forms page of one trial: every version (listConsentVersions) with the trial, its sites (to
 * name the sites each active version applies to) and its protocol versions (for a new form).
 */
export async function getConsentFormsOverview(viewer: Viewer, input: unknown) {
  const { trialId } = parseInput(ZListConsentVersionsQuerySchema, input, "consent forms");
  const database = await db();
  const trial = await sponsorTrialFor(database, viewer, trialId);
  const context = await sponsorConsentContext(database, trial);
  // Times as ISO text: the page hands this to client components as it is, so it is plain JSON already.
  const versions = (await listConsentVersions(viewer, { trialId })).map((v) => ({
    ...v,
    activatedAt: v.activatedAt?.toISOString() ?? null,
    updatedAt: v.updatedAt.toISOString(),
  }));
  return { ...context, versions };
}
