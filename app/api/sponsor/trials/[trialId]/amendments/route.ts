import { handleRoute } from "@/lib/server/http/handle-route";
import { ZSponsorTrialParamsSchema } from "@/lib/schemas/params";
import { ZAmendProtocolRequestSchema } from "@/lib/schemas/protocol";
import { amendProtocol } from "@/lib/server/protocols/amend-protocol";

export const POST = handleRoute({
  roles: ["sponsor_admin"],
  params: ZSponsorTrialParamsSchema,
  body: ZAmendProtocolRequestSchema,
  handler: async ({ viewer, body, params }) => amendProtocol(viewer, params.trialId, body),
});
