import { ZOutcomeHistoryQuerySchema } from "@/lib/schemas/outcomes";
import { handleRoute } from "@/lib/server/http/handle-route";
import { getOutcomeHistory } from "@/lib/server/outcomes/get-outcome-history";

/** Every value of one data point (`?participantId=…&measure=…&visit=…`), the original first and the current last. */
export const GET = handleRoute({
  roles: ["investigator"],
  query: ZOutcomeHistoryQuerySchema,
  handler: async ({ viewer, query }) => getOutcomeHistory(viewer, query),
});
