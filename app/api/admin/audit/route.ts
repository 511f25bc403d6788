import { listAuditEvents } from "@/lib/server/audit/list-audit-events";
import { handleRoute } from "@/lib/server/http/handle-route";

export const GET = handleRoute({
  roles: ["platform_admin"],
  handler: async ({ viewer }) => ({ events: await listAuditEvents(viewer) }),
});
