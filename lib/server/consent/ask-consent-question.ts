import "server-only";
import { db } from "@/lib/db/client";
import { consentQuestionMessage } from "@/lib/db/schema";
import type { Viewer } from "@/lib/server/auth/viewer";
import { parseInput } from "@/lib/server/errors/parse-input";
import { newId } from "@/lib/server/ids";
import { ZAskConsentQuestionRequestSchema } from "@/lib/schemas/consent-questions";
import { signableVersionFor, viewerParticipant } from "./consent-access";
import { messagesOf } from "./consent-question-thread";

/**
 * A participant's question to their study team, added to their own thread (docs/consent.md#questions-to-the-study-team).
 * The text is personal and free: it stays in the database (append-only, drizzle/0021) and is never put in the trial's
 * log. Returns the thread as it now stands.
 */
export async function askConsentQuestion(viewer: Viewer, input: unknown) {
  const request = parseInput(ZAskConsentQuestionRequestSchema, input, "question");
  const database = await db();
  return database.transaction(async (tx) => {
    const who = await viewerParticipant(tx, viewer);
    const version = request.formVersionId ? await signableVersionFor(tx, who, request.formVersionId) : null;
    await tx.insert(consentQuestionMessage).values({
      id: newId("cqm"),
      participantId: who.id,
      formVersionId: version?.id ?? null,
      authorUserId: viewer.userId,
      authorRole: "participant",
      body: request.body,
    });
    return { messages: await messagesOf(tx, [who.id]) };
  });
}
