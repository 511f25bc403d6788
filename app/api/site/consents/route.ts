import { ZListSiteConsentsQuerySchema } from "@/lib/schemas/consent";
import { listSiteConsents } from "@/lib/server/consent/list-site-consents";
import { handleRoute } from "@/lib/server/http/handle-route";

/** The consents at the investigator's site, optionally of one status (`?status=signed`). */
export const GET = handleRoute({
  roles: ["investigator"],
  query: ZListSiteConsentsQuerySchema,
  handler: async ({ viewer, query }) => listSiteConsents(viewer, query),
});
