import { ZAskConsentQuestionRequestSchema } from "@/lib/schemas/consent-questions";
import { askConsentQuestion } from "@/lib/server/consent/ask-consent-question";
import { listMyConsentQuestions } from "@/lib/server/consent/list-my-consent-questions";
import { handleRoute } from "@/lib/server/http/handle-route";

/** The participant's own question thread with their study team. */
export const GET = handleRoute({
  roles: ["participant"],
  handler: async ({ viewer }) => listMyConsentQuestions(viewer),
});

/** A question to the study team (kept in the database only, never in the trial's log). */
export const POST = handleRoute({
  roles: ["participant"],
  body: ZAskConsentQuestionRequestSchema,
  handler: async ({ viewer, body }) => askConsentQuestion(viewer, body),
});
