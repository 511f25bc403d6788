import { handleRoute } from "@/lib/server/http/handle-route";

export const GET = handleRoute({
  roles: "any",
  handler: async ({ viewer }) => ({
    userId: viewer.userId,
    name: viewer.name,
    roles: viewer.roles,
    memberships: viewer.memberships,
    wallets: viewer.wallets,
    sessionExpiresAt: viewer.sessionExpiresAt.toISOString(),
  }),
});
