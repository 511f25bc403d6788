import { handleRoute } from "@/lib/server/http/handle-route";
import { getMyRecord } from "@/lib/server/participants/get-my-record";

export const GET = handleRoute({
  roles: ["participant"],
  handler: async ({ viewer }) => getMyRecord(viewer),
});
