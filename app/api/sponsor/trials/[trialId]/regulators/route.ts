import { handleRoute } from "@/lib/server/http/handle-route";
import { ZAssignRegulatorRequestSchema, type TAssignRegulatorRequest } from "@/lib/schemas/protocol";
import { assignTrialRegulator } from "@/lib/server/protocols/assign-trial-regulator";

export const POST = handleRoute<TAssignRegulatorRequest, { trialId: string }>({
  roles: ["sponsor_admin"],
  body: ZAssignRegulatorRequestSchema,
  handler: async ({ viewer, body, params }) => Response.json(await assignTrialRegulator(viewer, params.trialId, body), { status: 201 }),
});
