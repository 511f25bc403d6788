/** Who wrote a message of a consent question thread: the participant asks, an investigator of their site answers. */
import { z } from "zod";
import type { Tone } from "./tone";

export const CONSENT_QUESTION_AUTHORS = ["participant", "investigator"] as const;
export type ConsentQuestionAuthor = (typeof CONSENT_QUESTION_AUTHORS)[number];
export const ZConsentQuestionAuthor = z.enum(CONSENT_QUESTION_AUTHORS);

export const CONSENT_QUESTION_AUTHOR_LABEL: Record<ConsentQuestionAuthor, string> = {
  participant: "Participant",
  investigator: "Study team",
};
export const CONSENT_QUESTION_AUTHOR_TONE: Record<ConsentQuestionAuthor, Tone> = {
  participant: "warn",
  investigator: "good",
};
