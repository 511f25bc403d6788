import { handleRoute } from "@/lib/server/http/handle-route";
import { ZSponsorTrialParamsSchema } from "@/lib/schemas/params";
import { ZAssignRegulatorRequestSchema } from "@/lib/schemas/protocol";
import { assignTrialRegulator } from "@/lib/server/protocols/assign-trial-regulator";

export const POST = handleRoute({
  roles: ["sponsor_admin"],
  params: ZSponsorTrialParamsSchema,
  body: ZAssignRegulatorRequestSchema,
  handler: async ({ viewer, body, params }) => Response.json(await assignTrialRegulator(viewer, params.trialId, body), { status: 201 }),
});
