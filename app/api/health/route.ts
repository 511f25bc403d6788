import { handleRoute } from "@/lib/server/http/handle-route";
import { checkHealth } from "@/lib/server/system/check-health";

export const GET = handleRoute({
  roles: "public",
  handler: async () => {
    const health = await checkHealth();
    return Response.json(health, { status: health.ok ? 200 : 503 });
  },
});
