import { handleRoute } from "@/lib/server/http/handle-route";
import { ZSponsorTrialParamsSchema } from "@/lib/schemas/params";
import { ZAddSiteRequestSchema } from "@/lib/schemas/protocol";
import { addTrialSite } from "@/lib/server/protocols/add-trial-site";

export const POST = handleRoute({
  roles: ["sponsor_admin"],
  params: ZSponsorTrialParamsSchema,
  body: ZAddSiteRequestSchema,
  handler: async ({ viewer, body, params }) => Response.json(await addTrialSite(viewer, params.trialId, body), { status: 201 }),
});
