import { handleRoute } from "@/lib/server/http/handle-route";
import { ZSponsorTrialParamsSchema } from "@/lib/schemas/params";
import { ZChainConfirmationRequestSchema } from "@/lib/schemas/protocol";
import { confirmProtocolOnChain } from "@/lib/server/protocols/confirm-protocol-on-chain";

export const POST = handleRoute({
  roles: ["sponsor_admin"],
  params: ZSponsorTrialParamsSchema,
  body: ZChainConfirmationRequestSchema,
  handler: async ({ viewer, body, params }) => confirmProtocolOnChain(viewer, params.trialId, body),
});
