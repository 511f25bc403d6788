import { handleRoute } from "@/lib/server/http/handle-route";
import { ZSponsorTrialParamsSchema } from "@/lib/schemas/params";
import { ZChangeTrialStatusRequestSchema } from "@/lib/schemas/protocol";
import { changeTrialStatus } from "@/lib/server/protocols/change-trial-status";

export const POST = handleRoute({
  roles: ["sponsor_admin"],
  params: ZSponsorTrialParamsSchema,
  body: ZChangeTrialStatusRequestSchema,
  handler: async ({ viewer, body, params }) => changeTrialStatus(viewer, params.trialId, body),
});
