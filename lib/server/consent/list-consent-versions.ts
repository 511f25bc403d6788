import "server-only";
import { asc, count, eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { consentFormVersion, consentSignature } from "@/lib/db/schema";
import type { Viewer } from "@/lib/server/auth/viewer";
import { parseInput } from "@/lib/server/errors/parse-input";
import { sponsorTrialFor } from "@/lib/server/protocols/sponsor-trial-access";
import { ZListConsentVersionsQuerySchema } from "@/lib/schemas/consent";

/** The sponsor's list of a trial's consent form versions: language, state, sites, activation and signatures so far. */
export async function listConsentVersions(viewer: Viewer, input: unknown) {
  const { trialId } = parseInput(ZListConsentVersionsQuerySchema, input, "consent form list");
  const database = await db();
  await sponsorTrialFor(database, viewer, trialId);
  const signed = database
    .select({ formVersionId: consentSignature.formVersionId, n: count().as("n") })
    .from(consentSignature)
    .groupBy(consentSignature.formVersionId)
    .as("signed");
  const rows = await database
    .select({
      id: consentFormVersion.id,
      formId: consentFormVersion.formId,
      version: consentFormVersion.version,
      state: consentFormVersion.state,
      language: consentFormVersion.language,
      title: consentFormVersion.title,
      protocolVersion: consentFormVersion.protocolVersion,
      sites: consentFormVersion.sites,
      ethicsApproval: consentFormVersion.ethicsApproval,
      activatedAt: consentFormVersion.activatedAt,
      updatedAt: consentFormVersion.updatedAt,
      signedCount: signed.n,
    })
    .from(consentFormVersion)
    .leftJoin(signed, eq(signed.formVersionId, consentFormVersion.id))
    .where(eq(consentFormVersion.trialId, trialId))
    .orderBy(asc(consentFormVersion.formId), asc(consentFormVersion.version));
  return rows.map((r) => ({ ...r, signedCount: Number(r.signedCount ?? 0) }));
}
