import { ZKnowledgeCheckAttemptRequestSchema } from "@/lib/schemas/consent";
import { submitKnowledgeCheck } from "@/lib/server/consent/submit-knowledge-check";
import { handleRoute } from "@/lib/server/http/handle-route";

export const POST = handleRoute({
  roles: ["participant"],
  body: ZKnowledgeCheckAttemptRequestSchema,
  handler: async ({ viewer, body }) => submitKnowledgeCheck(viewer, body),
});
