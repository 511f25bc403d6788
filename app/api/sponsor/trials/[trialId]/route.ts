import { handleRoute } from "@/lib/server/http/handle-route";
import { getSponsorTrial } from "@/lib/server/protocols/get-sponsor-trial";

export const GET = handleRoute<undefined, { trialId: string }>({
  roles: ["sponsor_admin"],
  handler: async ({ viewer, params }) => getSponsorTrial(viewer, params.trialId),
});
