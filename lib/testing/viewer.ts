import type { Database } from "@/lib/db/open";
import { membershipsOf } from "@/lib/server/auth/roles-of-user";
import type { Viewer } from "@/lib/server/auth/viewer";

/** Builds the Viewer a signed-in request would carry, straight from the database rows. */
export async function viewerFor(database: Database, userId: string): Promise<Viewer> {
  const u = await database.query.user.findFirst({ where: (t, { eq }) => eq(t.id, userId) });
  if (!u) throw new Error(`no user ${userId}`);
  const memberships = await membershipsOf(database, userId);
  return {
    userId,
    name: u.name,
    email: u.email,
    sessionId: "test-session",
    sessionExpiresAt: new Date(Date.now() + 900_000),
    memberships,
    roles: [...new Set(memberships.map((m) => m.role))],
    wallets: [],
  };
}
