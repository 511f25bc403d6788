import { ZChangeRoleRequestSchema } from "@/lib/schemas/admin";
import { changeRole } from "@/lib/server/admin/change-role";
import { handleRoute } from "@/lib/server/http/handle-route";

export const POST = handleRoute({
  roles: ["platform_admin"],
  body: ZChangeRoleRequestSchema,
  handler: async ({ viewer, body }) => changeRole(viewer, body),
});
