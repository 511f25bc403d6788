import "server-only";
import { and, eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { consentCheckAttempt, consentSignature, type ConsentFormContent } from "@/lib/db/schema";
import type { Viewer } from "@/lib/server/auth/viewer";
import { AppError, type FieldErrors } from "@/lib/server/errors/app-error";
import { parseInput } from "@/lib/server/errors/parse-input";
import { newId } from "@/lib/server/ids";
import { ZKnowledgeCheckAttemptRequestSchema } from "@/lib/schemas/consent";
import { signableVersionFor, viewerParticipant } from "./consent-access";

type Questions = ConsentFormContent["knowledgeCheck"]["questions"];

/** Answers that name a question or an option the form does not have, or several options of a single-choice question. */
function answerErrors(questions: Questions, answers: Record<string, string[]>): FieldErrors {
  const errors: FieldErrors = {};
  for (const [id, chosen] of Object.entries(answers)) {
    const q = questions.find((x) => x.id === id);
    if (!q) errors[`answers.${id}`] = ["is not a question of this form"];
    else if (chosen.some((c) => !q.options.some((o) => o.id === c))) errors[`answers.${id}`] = ["names an option this question does not have"];
    else if (q.kind === "single" && chosen.length > 1) errors[`answers.${id}`] = ["takes one answer"];
  }
  return errors;
}

/** A question is answered correctly when exactly its correct options were chosen; an unanswered one is incorrect. */
const isCorrect = (q: Questions[number], chosen: string[] = []): boolean =>
  new Set(chosen).size === q.correct.length && q.correct.every((c) => chosen.includes(c));

/**
 * One attempt at the form's knowledge check. Every attempt is kept (the signature record reports how many were
 * made); the answer says which questions were right, with the form's explanation, and whether the score reached the
 * pass mark. Signing needs a passing attempt for the same version.
 */
export async function submitKnowledgeCheck(viewer: Viewer, input: unknown) {
  const request = parseInput(ZKnowledgeCheckAttemptRequestSchema, input, "knowledge check");
  const database = await db();
  return database.transaction(async (tx) => {
    const who = await viewerParticipant(tx, viewer);
    const version = await signableVersionFor(tx, who, request.formVersionId);
    const [signed] = await tx
      .select({ id: consentSignature.id })
      .from(consentSignature)
      .where(and(eq(consentSignature.participantId, who.id), eq(consentSignature.formVersionId, version.id)));
    if (signed) throw new AppError("CONFLICT", "You have already signed this version of the form.");
    const { questions, passMark } = version.content.knowledgeCheck;
    const errors = answerErrors(questions, request.answers);
    if (Object.keys(errors).length) throw new AppError("UNPROCESSABLE", "Some answers do not fit the questions.", errors);
    const results = questions.map((q) => ({ id: q.id, correct: isCorrect(q, request.answers[q.id]), explanation: q.explanation }));
    const score = results.filter((r) => r.correct).length;
    const attemptId = newId("kca");
    await tx.insert(consentCheckAttempt).values({
      id: attemptId,
      participantId: who.id,
      formVersionId: version.id,
      answers: request.answers,
      score,
      passed: score >= passMark,
    });
    return { attemptId, score, passMark, passed: score >= passMark, questions: results };
  });
}
