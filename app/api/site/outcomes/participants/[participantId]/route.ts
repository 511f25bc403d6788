import { ZParticipantOutcomesParamsSchema } from "@/lib/schemas/outcomes";
import { handleRoute } from "@/lib/server/http/handle-route";
import { listParticipantOutcomes } from "@/lib/server/outcomes/list-participant-outcomes";

/** One participant's visits with each measure's current value, and their timeline. */
export const GET = handleRoute({
  roles: ["investigator"],
  params: ZParticipantOutcomesParamsSchema,
  handler: async ({ viewer, params }) => listParticipantOutcomes(viewer, params),
});
