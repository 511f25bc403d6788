/**
 * Requests of the consent question thread (docs/consent.md#questions-to-the-study-team), shared by the forms, the
 * route handlers and the use cases.
 */
import { z } from "zod";
import { ZConsentFormVersionId } from "./consent";

export const CONSENT_QUESTION_MAX_LENGTH = 4000;

/** A message of the thread: personal free text, kept in the database only. */
export const ZConsentQuestionBody = z
  .string({ error: "Write your message." })
  .trim()
  .min(1, "Write your message.")
  .max(CONSENT_QUESTION_MAX_LENGTH, `Use at most ${CONSENT_QUESTION_MAX_LENGTH} characters.`);

/** Participant ids are `ppt_` and 4–64 letters or digits. */
export const ZParticipantId = z
  .string({ error: "Choose the participant." })
  .max(68, "is too long for a participant id")
  .regex(/^ppt_[A-Za-z0-9]{4,64}$/, "must be a participant id such as ppt_0123abcd");

/** A participant's question, optionally about the form version they are reading. */
export const ZAskConsentQuestionRequestSchema = z.strictObject({
  formVersionId: ZConsentFormVersionId.optional(),
  body: ZConsentQuestionBody,
});
export type AskConsentQuestionRequest = z.infer<typeof ZAskConsentQuestionRequestSchema>;

/** An investigator's answer to a participant's thread. */
export const ZAnswerConsentQuestionRequestSchema = z.strictObject({
  participantId: ZParticipantId,
  body: ZConsentQuestionBody,
});
export type AnswerConsentQuestionRequest = z.infer<typeof ZAnswerConsentQuestionRequestSchema>;
