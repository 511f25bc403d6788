import { handleRoute } from "@/lib/server/http/handle-route";
import { registerProtocol } from "@/lib/server/protocols/register-protocol";

export const POST = handleRoute<undefined, { trialId: string }>({
  roles: ["sponsor_admin"],
  handler: async ({ viewer, params }) => registerProtocol(viewer, params.trialId),
});
