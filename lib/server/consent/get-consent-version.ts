import "server-only";
import { and, eq, gt } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { consentFormVersion } from "@/lib/db/schema";
import type { Viewer } from "@/lib/server/auth/viewer";
import { parseInput } from "@/lib/server/errors/parse-input";
import { ZConsentFormVersionParamsSchema } from "@/lib/schemas/consent";
import { sponsorFormVersionFor } from "./consent-access";
import { sponsorConsentContext } from "./sponsor-consent-context";

/**
 * One version of a consent form for the sponsor's editor: the whole content (a draft to edit, or an active version
 * to read), whether it is its form's latest version (only the latest starts a new one), and the trial's sites and
 * protocol versions. 404 for a version of another trial, 403 unless the viewer administers the trial.
 */
export async function getConsentVersion(viewer: Viewer, input: unknown) {
  const { trialId, formVersionId } = parseInput(ZConsentFormVersionParamsSchema, input, "consent form version");
  const database = await db();
  const { version, trial } = await sponsorFormVersionFor(database, viewer, formVersionId, { trialId });
  const later = await database
    .select({ id: consentFormVersion.id })
    .from(consentFormVersion)
    .where(and(eq(consentFormVersion.formId, version.formId), gt(consentFormVersion.version, version.version)))
    .limit(1);
  return {
    ...(await sponsorConsentContext(database, trial)),
    isLatest: later.length === 0,
    version: {
      id: version.id,
      formId: version.formId,
      version: version.version,
      state: version.state,
      language: version.language,
      title: version.title,
      protocolVersion: version.protocolVersion,
      content: version.content,
      ethicsApproval: version.ethicsApproval,
      sites: version.sites,
      // ISO text: the page hands this to the client editor as it is.
      activatedAt: version.activatedAt?.toISOString() ?? null,
      updatedAt: version.updatedAt.toISOString(),
    },
  };
}
