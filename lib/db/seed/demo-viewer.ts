import { eq } from "drizzle-orm";
import type { Tx } from "../open";
import { user, walletAddress } from "../schema";
import { membershipsOf } from "@/lib/server/auth/roles-of-user";
import type { Viewer } from "@/lib/server/auth/viewer";

/**
 * A demo persona as the portal's use cases see a signed-in person, built from the rows just seeded: the seed acts
 * through the same use cases (and authorization checks) as a request would, without a session.
 */
export async function demoViewer(tx: Tx, userId: string): Promise<Viewer> {
  const [person] = await tx.select().from(user).where(eq(user.id, userId));
  if (!person) throw new Error(`demoViewer: no user ${userId}`);
  const memberships = await membershipsOf(tx, userId);
  const wallets = await tx.select({ address: walletAddress.address }).from(walletAddress).where(eq(walletAddress.userId, userId));
  return {
    userId,
    name: person.name,
    email: person.email,
    sessionId: "demo-seed",
    sessionExpiresAt: new Date(),
    memberships,
    roles: [...new Set(memberships.map((m) => m.role))],
    wallets: wallets.map((w) => w.address),
  };
}
