import { handleRoute } from "@/lib/server/http/handle-route";
import { getPublicTrial } from "@/lib/server/protocols/get-public-trial";

export const GET = handleRoute<undefined, { publicId: string }, null>({
  roles: "public",
  handler: async ({ params }) => getPublicTrial(params.publicId),
});
