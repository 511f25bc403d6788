import { handleRoute } from "@/lib/server/http/handle-route";
import { listSiteRoster } from "@/lib/server/sites/list-site-roster";

export const GET = handleRoute({
  roles: ["investigator"],
  handler: async ({ viewer }) => listSiteRoster(viewer),
});
