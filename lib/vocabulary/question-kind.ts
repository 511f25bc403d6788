/** Kinds of knowledge-check question in a consent form: one correct option, or several. */
import { z } from "zod";
import { QUESTION_KINDS } from "../integrity/kinds/consent-lists";

export { QUESTION_KINDS };
export type QuestionKind = (typeof QUESTION_KINDS)[number];
export const ZQuestionKind = z.enum(QUESTION_KINDS, `Question kind must be one of: ${QUESTION_KINDS.join(", ")}`);

export const QUESTION_KIND_LABEL: Record<QuestionKind, string> = {
  single: "Single choice (one correct answer)",
  multiple: "Multiple choice (several correct answers)",
};
