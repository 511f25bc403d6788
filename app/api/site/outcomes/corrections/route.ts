import { ZCorrectOutcomeRequestSchema } from "@/lib/schemas/outcomes";
import { handleRoute } from "@/lib/server/http/handle-route";
import { correctOutcome } from "@/lib/server/outcomes/correct-outcome";

/** The investigator corrects the current value of a data point, with a reason; the original stays. */
export const POST = handleRoute({
  roles: ["investigator"],
  body: ZCorrectOutcomeRequestSchema,
  handler: async ({ viewer, body }) => correctOutcome(viewer, body),
});
