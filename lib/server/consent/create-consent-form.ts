import "server-only";
import { db } from "@/lib/db/client";
import { consentFormVersion } from "@/lib/db/schema";
import type { Viewer } from "@/lib/server/auth/viewer";
import { parseInput } from "@/lib/server/errors/parse-input";
import { newId } from "@/lib/server/ids";
import { sponsorTrialFor } from "@/lib/server/protocols/sponsor-trial-access";
import { ZCreateConsentFormRequestSchema } from "@/lib/schemas/consent";

/**
 * A new consent form of a trial (e.g. another language), as the draft of its version 1. Drafts are the sponsor's
 * working copy: nobody signs them and nothing is logged until activation (docs/consent.md#form-versions).
 */
export async function createConsentForm(viewer: Viewer, input: unknown) {
  const request = parseInput(ZCreateConsentFormRequestSchema, input, "consent form");
  const database = await db();
  return database.transaction(async (tx) => {
    await sponsorTrialFor(tx, viewer, request.trialId);
    const [row] = await tx
      .insert(consentFormVersion)
      .values({
        id: newId("cfv"),
        formId: newId("cf"),
        version: 1,
        trialId: request.trialId,
        protocolVersion: request.protocolVersion,
        language: request.language,
        title: request.title,
        content: request.content,
        createdBy: viewer.userId,
        updatedBy: viewer.userId,
      })
      .returning({ id: consentFormVersion.id, formId: consentFormVersion.formId, version: consentFormVersion.version });
    return row!;
  });
}
