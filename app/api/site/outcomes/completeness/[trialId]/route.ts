import { ZTrialOutcomesParamsSchema } from "@/lib/schemas/outcomes";
import { handleRoute } from "@/lib/server/http/handle-route";
import { getVisitCompleteness } from "@/lib/server/outcomes/get-visit-completeness";

/** Visit completeness of one trial at the investigator's own sites. */
export const GET = handleRoute({
  roles: ["investigator"],
  params: ZTrialOutcomesParamsSchema,
  handler: async ({ viewer, params }) => getVisitCompleteness(viewer, params),
});
