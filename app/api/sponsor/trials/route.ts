import { handleRoute } from "@/lib/server/http/handle-route";
import { ZCreateTrialRequestSchema } from "@/lib/schemas/protocol";
import { createTrial } from "@/lib/server/protocols/create-trial";
import { listSponsorTrials } from "@/lib/server/trials/list-sponsor-trials";

export const GET = handleRoute({
  roles: ["sponsor_admin"],
  handler: async ({ viewer }) => ({ trials: await listSponsorTrials(viewer) }),
});

export const POST = handleRoute({
  roles: ["sponsor_admin"],
  body: ZCreateTrialRequestSchema,
  handler: async ({ viewer, body }) => Response.json(await createTrial(viewer, body), { status: 201 }),
});
