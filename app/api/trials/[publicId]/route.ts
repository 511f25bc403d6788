import { ZPublicTrialParamsSchema } from "@/lib/schemas/params";
import { handleRoute } from "@/lib/server/http/handle-route";
import { getPublicTrial } from "@/lib/server/protocols/get-public-trial";

export const GET = handleRoute({
  roles: "public",
  params: ZPublicTrialParamsSchema,
  handler: async ({ params }) => getPublicTrial(params.publicId),
});
