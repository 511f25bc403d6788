import { ZRecordOutcomeRequestSchema } from "@/lib/schemas/outcomes";
import { handleRoute } from "@/lib/server/http/handle-route";
import { recordOutcome } from "@/lib/server/outcomes/record-outcome";

/** The investigator records one value of a data point (participant, measure, visit), under the consent gate. */
export const POST = handleRoute({
  roles: ["investigator"],
  body: ZRecordOutcomeRequestSchema,
  handler: async ({ viewer, body }) => recordOutcome(viewer, body),
});
