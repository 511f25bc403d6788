import { handleRoute } from "@/lib/server/http/handle-route";
import { ZChangeTrialStatusRequestSchema, type TChangeTrialStatusRequest } from "@/lib/schemas/protocol";
import { changeTrialStatus } from "@/lib/server/protocols/change-trial-status";

export const POST = handleRoute<TChangeTrialStatusRequest, { trialId: string }>({
  roles: ["sponsor_admin"],
  body: ZChangeTrialStatusRequestSchema,
  handler: async ({ viewer, body, params }) => changeTrialStatus(viewer, params.trialId, body),
});
