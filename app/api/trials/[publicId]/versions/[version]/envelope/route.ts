import { ZProtocolVersionParamsSchema } from "@/lib/schemas/params";
import { handleRoute } from "@/lib/server/http/handle-route";
import { getProtocolEnvelope } from "@/lib/server/protocols/get-protocol-envelope";

export const GET = handleRoute({
  roles: "public",
  params: ZProtocolVersionParamsSchema,
  handler: async ({ params }) => getProtocolEnvelope(params.publicId, params.version),
});
