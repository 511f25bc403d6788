import { handleRoute } from "@/lib/server/http/handle-route";
import { listSponsorTrials } from "@/lib/server/trials/list-sponsor-trials";

export const GET = handleRoute({
  roles: ["sponsor_admin"],
  handler: async ({ viewer }) => ({ trials: await listSponsorTrials(viewer) }),
});
