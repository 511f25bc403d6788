import { ZAuditQuerySchema } from "@/lib/schemas/audit";
import { listAuditEvents } from "@/lib/server/audit/list-audit-events";
import { handleRoute } from "@/lib/server/http/handle-route";

/** The admin audit trail: the same filters and schema as the /admin page; a bad filter is a 422 naming it. */
export const GET = handleRoute({
  roles: ["platform_admin"],
  query: ZAuditQuerySchema,
  handler: async ({ viewer, query }) => listAuditEvents(viewer, query),
});
