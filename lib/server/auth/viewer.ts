import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/schemas/roles";
import { getAuth } from "./auth";
import { membershipsOf, type Membership } from "./roles-of-user";

export interface Viewer {
  userId: string;
  name: string;
  email: string;
  sessionId: string;
  sessionExpiresAt: Date;
  memberships: Membership[];
  roles: Role[];
  wallets: string[];
}

async function loadViewer(requestHeaders: Headers): Promise<Viewer | null> {
  const auth = await getAuth();
  const session = await auth.api.getSession({ headers: requestHeaders });
  if (!session) return null;
  const database = await db();
  const memberships = await membershipsOf(database, session.user.id);
  const wallets = await database.query.walletAddress.findMany({
    where: (w, { eq }) => eq(w.userId, session.user.id),
    columns: { address: true },
  });
  return {
    userId: session.user.id,
    name: session.user.name,
    email: session.user.email,
    sessionId: session.session.id,
    sessionExpiresAt: new Date(session.session.expiresAt),
    memberships,
    roles: [...new Set(memberships.map((m) => m.role))],
    wallets: wallets.map((w) => w.address),
  };
}

/** The signed-in person for this request (or null), resolved once per request. */
export const currentViewer = cache(async (): Promise<Viewer | null> => loadViewer(await headers()));

export function viewerFromHeaders(requestHeaders: Headers): Promise<Viewer | null> {
  return loadViewer(requestHeaders);
}
