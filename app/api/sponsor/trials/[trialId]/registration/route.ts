import { handleRoute } from "@/lib/server/http/handle-route";
import { ZSponsorTrialParamsSchema } from "@/lib/schemas/params";
import { registerProtocol } from "@/lib/server/protocols/register-protocol";

export const POST = handleRoute({
  roles: ["sponsor_admin"],
  params: ZSponsorTrialParamsSchema,
  handler: async ({ viewer, params }) => registerProtocol(viewer, params.trialId),
});
