import { handleRoute } from "@/lib/server/http/handle-route";
import { notFound } from "@/lib/server/errors/app-error";
import { getProtocolEnvelope } from "@/lib/server/protocols/get-protocol-envelope";

export const GET = handleRoute<undefined, { publicId: string; version: string }, null>({
  roles: "public",
  handler: async ({ params }) => {
    if (!/^[1-9][0-9]{0,8}$/.test(params.version)) throw notFound(`Version ${params.version}`);
    return getProtocolEnvelope(params.publicId, Number(params.version));
  },
});
