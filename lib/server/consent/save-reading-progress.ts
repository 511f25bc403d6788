import "server-only";
import { db } from "@/lib/db/client";
import { consentReadingProgress } from "@/lib/db/schema";
import type { Viewer } from "@/lib/server/auth/viewer";
import { AppError } from "@/lib/server/errors/app-error";
import { parseInput } from "@/lib/server/errors/parse-input";
import { ZSaveReadingProgressRequestSchema } from "@/lib/schemas/consent";
import { signableVersionFor, viewerParticipant } from "./consent-access";

/**
 * Where the participant is in the form, so that they can resume on another day or device. Working state, not
 * evidence: it is not logged (the signature record is what counts).
 */
export async function saveReadingProgress(viewer: Viewer, input: unknown): Promise<{ sectionIndex: number }> {
  const request = parseInput(ZSaveReadingProgressRequestSchema, input, "reading progress");
  const database = await db();
  return database.transaction(async (tx) => {
    const who = await viewerParticipant(tx, viewer);
    const version = await signableVersionFor(tx, who, request.formVersionId);
    if (request.sectionIndex >= version.content.sections.length) {
      throw new AppError("UNPROCESSABLE", `This form has ${version.content.sections.length} sections.`, {
        sectionIndex: ["is past the last section"],
      });
    }
    const now = new Date();
    await tx
      .insert(consentReadingProgress)
      .values({ participantId: who.id, formVersionId: version.id, sectionIndex: request.sectionIndex, updatedAt: now })
      .onConflictDoUpdate({
        target: [consentReadingProgress.participantId, consentReadingProgress.formVersionId],
        set: { sectionIndex: request.sectionIndex, updatedAt: now },
      });
    return { sectionIndex: request.sectionIndex };
  });
}
