import { handleRoute } from "@/lib/server/http/handle-route";
import { ZChainConfirmationRequestSchema, type TChainConfirmationRequest } from "@/lib/schemas/protocol";
import { confirmProtocolOnChain } from "@/lib/server/protocols/confirm-protocol-on-chain";

export const POST = handleRoute<TChainConfirmationRequest, { trialId: string }>({
  roles: ["sponsor_admin"],
  body: ZChainConfirmationRequestSchema,
  handler: async ({ viewer, body, params }) => confirmProtocolOnChain(viewer, params.trialId, body),
});
