import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { consentQuestionMessage, participant } from "@/lib/db/schema";
import type { Viewer } from "@/lib/server/auth/viewer";
import { AppError, notFound } from "@/lib/server/errors/app-error";
import { parseInput } from "@/lib/server/errors/parse-input";
import { newId } from "@/lib/server/ids";
import { investigatorAssignmentsOf } from "@/lib/server/sites/investigator-assignments";
import { ZAnswerConsentQuestionRequestSchema } from "@/lib/schemas/consent-questions";
import { isOpen, messagesOf } from "./consent-question-thread";

/**
 * An investigator's answer in a participant's question thread. Only an investigator assigned to the participant's
 * trial at the participant's site may answer; for anyone else the participant does not exist (404), so that ids of
 * other sites' participants cannot be probed. Like the question, the answer stays in the database and out of the log.
 */
export async function answerConsentQuestion(viewer: Viewer, input: unknown) {
  const request = parseInput(ZAnswerConsentQuestionRequestSchema, input, "answer");
  if (!viewer.roles.includes("investigator")) throw new AppError("FORBIDDEN", "Only site investigators can answer questions.");
  const database = await db();
  return database.transaction(async (tx) => {
    // The lock serializes answers to one thread, so that "open" is decided on the thread as it is.
    const [who] = await tx.select().from(participant).where(eq(participant.id, request.participantId)).for("update");
    const assignments = await investigatorAssignmentsOf(tx, viewer);
    if (!who || !assignments.some((a) => a.trialId === who.trialId && a.siteOrgId === who.siteOrgId)) throw notFound("Participant");
    const thread = await messagesOf(tx, [who.id]);
    if (thread.length === 0) throw new AppError("CONFLICT", "This participant has not asked a question yet.");
    await tx.insert(consentQuestionMessage).values({
      id: newId("cqm"),
      participantId: who.id,
      authorUserId: viewer.userId,
      authorRole: "investigator",
      body: request.body,
    });
    const messages = await messagesOf(tx, [who.id]);
    return { participantId: who.id, open: isOpen(messages), messages };
  });
}
