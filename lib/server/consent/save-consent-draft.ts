import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { consentFormVersion } from "@/lib/db/schema";
import type { Viewer } from "@/lib/server/auth/viewer";
import { AppError } from "@/lib/server/errors/app-error";
import { parseInput } from "@/lib/server/errors/parse-input";
import { ZSaveConsentDraftRequestSchema } from "@/lib/schemas/consent";
import { sponsorFormVersionFor } from "./consent-access";

/**
 * Replaces a draft's content (last write wins). An active version is never edited: 409 here, and the database
 * refuses the update anyway (drizzle/0017); changes to an active form make a new version.
 */
export async function saveConsentDraft(viewer: Viewer, input: unknown): Promise<{ updatedAt: string }> {
  const request = parseInput(ZSaveConsentDraftRequestSchema, input, "consent form draft");
  const database = await db();
  return database.transaction(async (tx) => {
    const { version } = await sponsorFormVersionFor(tx, viewer, request.formVersionId, { lock: true, trialId: request.trialId });
    if (version.state !== "draft") {
      throw new AppError("CONFLICT", `Version ${version.version} is active and can no longer be edited: make a new version.`);
    }
    const now = new Date();
    await tx
      .update(consentFormVersion)
      .set({
        protocolVersion: request.protocolVersion,
        language: request.language,
        title: request.title,
        content: request.content,
        updatedAt: now,
        updatedBy: viewer.userId,
      })
      .where(eq(consentFormVersion.id, version.id));
    return { updatedAt: now.toISOString() };
  });
}
