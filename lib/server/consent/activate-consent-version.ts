import "server-only";
import { and, eq } from "drizzle-orm";
import { db, type Tx } from "@/lib/db/client";
import { consentFormVersion, protocolVersion, trialSite } from "@/lib/db/schema";
import type { Viewer } from "@/lib/server/auth/viewer";
import { recordDomainChange } from "@/lib/server/audit/record-domain-change";
import { AppError } from "@/lib/server/errors/app-error";
import { parseInput } from "@/lib/server/errors/parse-input";
import { sponsorActor } from "@/lib/server/protocols/sponsor-trial-access";
import { ZActivateConsentVersionRequestSchema } from "@/lib/schemas/consent";
import { sponsorFormVersionFor } from "./consent-access";

/**
 * Activates a draft with its ethics approval and the sites it applies to: the `consent.form` record (the whole form,
 * so the log pins the wording participants sign) and the frozen row, in one transaction. From then on the version is
 * signed at those sites, and participants there who signed an older version of the form must re-consent.
 */
export async function activateConsentVersion(viewer: Viewer, input: unknown) {
  const database = await db();
  return database.transaction((tx) => activateConsentVersionIn(tx, viewer, input));
}

/** The activation in the caller's transaction (the demo seed activates its form within the seeding transaction). */
export async function activateConsentVersionIn(tx: Tx, viewer: Viewer, input: unknown) {
  const request = parseInput(ZActivateConsentVersionRequestSchema, input, "consent form activation");
  const { version, trial } = await sponsorFormVersionFor(tx, viewer, request.formVersionId, { lock: true, trialId: request.trialId });
  if (version.state !== "draft") throw new AppError("CONFLICT", `Version ${version.version} of this form is already active.`);
  const [protocol] = await tx
    .select({ version: protocolVersion.version })
    .from(protocolVersion)
    .where(and(eq(protocolVersion.trialId, trial.id), eq(protocolVersion.version, version.protocolVersion)));
  if (!protocol) {
    throw new AppError("UNPROCESSABLE", `The trial has no protocol version ${version.protocolVersion}: correct the draft first.`, {
      protocolVersion: ["is not a version of this trial's protocol"],
    });
  }
  if (request.sites !== "all") {
    const sites = new Set((await tx.select().from(trialSite).where(eq(trialSite.trialId, trial.id))).map((s) => s.siteOrgId));
    const strangers = request.sites.filter((s) => !sites.has(s));
    if (strangers.length) {
      throw new AppError("UNPROCESSABLE", `Not sites of ${trial.publicId}: ${strangers.join(", ")}.`, {
        sites: ["lists an organization that is not a site of this trial"],
      });
    }
  }
  const record = await recordDomainChange(tx, sponsorActor(viewer, trial), {
    kind: "consent.form",
    trial,
    body: {
      formId: version.formId,
      version: version.version,
      protocolVersion: version.protocolVersion,
      language: version.language,
      title: version.title,
      content: version.content,
      ethicsApproval: request.ethicsApproval,
      sites: request.sites,
    },
    details: { formVersionId: version.id },
  });
  const activatedAt = new Date(record.envelope.at);
  await tx
    .update(consentFormVersion)
    .set({
      state: "active",
      ethicsApproval: request.ethicsApproval,
      sites: request.sites,
      leafIndex: record.index,
      leafHash: record.leafHash,
      activatedAt,
      activatedBy: viewer.userId,
    })
    .where(eq(consentFormVersion.id, version.id));
  return {
    formVersionId: version.id,
    version: version.version,
    activatedAt: activatedAt.toISOString(),
    leafIndex: record.index,
    leafHash: record.leafHash,
  };
}
