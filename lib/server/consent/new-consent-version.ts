import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { consentFormVersion } from "@/lib/db/schema";
import type { Viewer } from "@/lib/server/auth/viewer";
import { AppError } from "@/lib/server/errors/app-error";
import { parseInput } from "@/lib/server/errors/parse-input";
import { newId } from "@/lib/server/ids";
import { ZNewConsentVersionRequestSchema } from "@/lib/schemas/consent";
import { sponsorFormVersionFor } from "./consent-access";

/**
 * Starts the next version of a form as a draft copied from its latest version (content, language, title, protocol
 * version; not the ethics approval or the sites, which belong to an activation). One draft per form at a time.
 */
export async function newConsentVersion(viewer: Viewer, input: unknown) {
  const request = parseInput(ZNewConsentVersionRequestSchema, input, "new consent form version");
  const database = await db();
  return database.transaction(async (tx) => {
    const { version: from } = await sponsorFormVersionFor(tx, viewer, request.fromVersionId, { trialId: request.trialId });
    // Versions of one form are numbered under a lock of its latest row, so two sponsors cannot both take the next number.
    const [latest] = await tx
      .select()
      .from(consentFormVersion)
      .where(eq(consentFormVersion.formId, from.formId))
      .orderBy(desc(consentFormVersion.version))
      .limit(1)
      .for("update");
    const [draft] = await tx
      .select({ version: consentFormVersion.version })
      .from(consentFormVersion)
      .where(and(eq(consentFormVersion.formId, from.formId), eq(consentFormVersion.state, "draft")));
    if (draft) throw new AppError("CONFLICT", `Version ${draft.version} of this form is already a draft: edit it instead.`);
    const [row] = await tx
      .insert(consentFormVersion)
      .values({
        id: newId("cfv"),
        formId: latest!.formId,
        version: latest!.version + 1,
        trialId: latest!.trialId,
        protocolVersion: latest!.protocolVersion,
        language: latest!.language,
        title: latest!.title,
        content: latest!.content,
        createdBy: viewer.userId,
        updatedBy: viewer.userId,
      })
      .returning({ id: consentFormVersion.id, formId: consentFormVersion.formId, version: consentFormVersion.version });
    return row!;
  });
}
