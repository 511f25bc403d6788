import { handleRoute } from "@/lib/server/http/handle-route";
import { ZSponsorTrialParamsSchema } from "@/lib/schemas/params";
import { getSponsorTrial } from "@/lib/server/protocols/get-sponsor-trial";

export const GET = handleRoute({
  roles: ["sponsor_admin"],
  params: ZSponsorTrialParamsSchema,
  handler: async ({ viewer, params }) => getSponsorTrial(viewer, params.trialId),
});
