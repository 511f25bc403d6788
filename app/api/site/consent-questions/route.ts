import { ZAnswerConsentQuestionRequestSchema } from "@/lib/schemas/consent-questions";
import { answerConsentQuestion } from "@/lib/server/consent/answer-consent-question";
import { listSiteConsentQuestions } from "@/lib/server/consent/list-site-consent-questions";
import { handleRoute } from "@/lib/server/http/handle-route";

/** The question threads of the investigator's participants, open threads first. */
export const GET = handleRoute({
  roles: ["investigator"],
  handler: async ({ viewer }) => listSiteConsentQuestions(viewer),
});

/** An answer in a participant's thread (404 for a participant outside the investigator's assignments). */
export const POST = handleRoute({
  roles: ["investigator"],
  body: ZAnswerConsentQuestionRequestSchema,
  handler: async ({ viewer, body }) => answerConsentQuestion(viewer, body),
});
