import { handleRoute } from "@/lib/server/http/handle-route";
import { ZAmendProtocolRequestSchema, type TAmendProtocolRequest } from "@/lib/schemas/protocol";
import { amendProtocol } from "@/lib/server/protocols/amend-protocol";

export const POST = handleRoute<TAmendProtocolRequest, { trialId: string }>({
  roles: ["sponsor_admin"],
  body: ZAmendProtocolRequestSchema,
  handler: async ({ viewer, body, params }) => amendProtocol(viewer, params.trialId, body),
});
