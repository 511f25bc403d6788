import "server-only";
import type { Actor } from "@/lib/integrity";
import type { Database, Tx } from "@/lib/db/client";
import type { Role } from "@/lib/schemas/roles";
import { membershipsOf } from "@/lib/server/auth/roles-of-user";
import type { Viewer } from "@/lib/server/auth/viewer";

/**
 * Who made a change, as the audit row attributes it: the user, the portal role they acted in and, where the role
 * belongs to one, their organization. `userId: null` is the portal itself (e.g. a failed sign-in of an unknown
 * account). `wallet` goes into the log record's actor (a sponsor's single linked wallet).
 */
export interface AuditActor {
  userId: string | null;
  role: Role | null;
  organizationId?: string | null;
  wallet?: string;
}

export const PORTAL_ACTOR: AuditActor = { userId: null, role: null };

/** Portal roles as they appear in log records (records speak of functions, not of our table names). */
const RECORD_ROLE: Record<Role, Actor["role"]> = {
  sponsor_admin: "sponsor",
  investigator: "investigator",
  participant: "participant",
  regulator: "regulator",
  platform_admin: "admin",
};

export const recordRoleOf = (role: Role | null | undefined): Actor["role"] => (role ? RECORD_ROLE[role] : "user");

/** The pseudonymous actor of the log record: role and user id, no name or email. */
export function envelopeActorOf(actor: AuditActor): Actor {
  if (!actor.userId) return { role: "system", id: "sys_portal" };
  const base = { role: recordRoleOf(actor.role), id: actor.userId };
  return actor.wallet ? { ...base, wallet: actor.wallet.toLowerCase() } : base;
}

/**
 * The signed-in viewer acting in `role` (in `organizationId` when given, e.g. the trial's sponsor organization).
 * Authorization is the caller's: this only attributes.
 */
export function viewerActor(viewer: Viewer, role: Role, organizationId?: string): AuditActor {
  const membership = viewer.memberships.find((m) => m.role === role && (!organizationId || m.organizationId === organizationId));
  return { userId: viewer.userId, role, organizationId: membership?.organizationId ?? organizationId ?? null };
}

/** A user acting outside a request's viewer (session created or ended): their primary role and its organization. */
export async function userActor(tx: Tx | Database, userId: string): Promise<AuditActor> {
  const [primary] = await membershipsOf(tx, userId);
  return { userId, role: primary?.role ?? null, organizationId: primary?.organizationId ?? null };
}
