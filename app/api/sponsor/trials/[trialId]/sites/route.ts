import { handleRoute } from "@/lib/server/http/handle-route";
import { ZAddSiteRequestSchema, type TAddSiteRequest } from "@/lib/schemas/protocol";
import { addTrialSite } from "@/lib/server/protocols/add-trial-site";

export const POST = handleRoute<TAddSiteRequest, { trialId: string }>({
  roles: ["sponsor_admin"],
  body: ZAddSiteRequestSchema,
  handler: async ({ viewer, body, params }) => Response.json(await addTrialSite(viewer, params.trialId, body), { status: 201 }),
});
