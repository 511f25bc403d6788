import "server-only";
import type { Actor } from "@/lib/integrity";
import type { RecordInput } from "@/lib/server/log/append-records";
import type { AuditEventInput } from "./catalogue";

/** Portal roles as they appear in log records (records speak of functions, not of our table names). */
const ACTOR_ROLE: Record<string, "sponsor" | "investigator" | "participant" | "regulator" | "admin"> = {
  sponsor_admin: "sponsor",
  investigator: "investigator",
  participant: "participant",
  regulator: "regulator",
  platform_admin: "admin",
};

export const actorRoleOf = (role: string | null | undefined): Actor["role"] => (role ? (ACTOR_ROLE[role] ?? "user") : "user");

function failureReason(message: unknown): "bad_credentials" | "bad_signature" | "rate_limited" {
  const text = String(message ?? "").toLowerCase();
  if (text.includes("too many")) return "rate_limited";
  if (text.includes("signature") || text.includes("siwe") || text.includes("nonce")) return "bad_signature";
  return "bad_credentials";
}

/**
 * The log record for an audit event: pseudonymous and free of contact data (no emails, no IP addresses;
 * those stay in the erasable audit table).
 */
export function toLogRecord(event: AuditEventInput): RecordInput {
  const actor: Actor = event.actorUserId
    ? { role: actorRoleOf(event.actorRole), id: event.actorUserId }
    : { role: "system" as const, id: "sys_portal" };
  const b = event.body as Record<string, unknown>;
  const subject = event.subject ?? undefined;
  switch (event.kind) {
    case "auth.signed_in":
      return { kind: "auth.signed_in", actor, subject, body: { method: b.method } };
    case "auth.signed_out":
      return { kind: "auth.signed_out", actor, subject, body: { reason: b.scope === "everywhere" ? "revoked" : "user" } };
    case "auth.session_expired":
      return { kind: "auth.signed_out", actor, subject, body: { reason: "expired" } };
    case "auth.sign_in_failed":
      return { kind: "auth.sign_in_failed", actor, body: { method: b.method, reason: failureReason(b.reason) } };
    case "auth.invitation_created":
      return { kind: "auth.invitation_created", actor, body: { invitationId: b.invitationId, role: actorRoleOf(String(b.role)), expiresAt: b.expiresAt } };
    case "auth.invitation_accepted":
      return { kind: "auth.invitation_accepted", actor, subject, body: { invitationId: b.invitationId } };
    case "role.changed": {
      const role = actorRoleOf(String(b.role));
      const granted = b.change === "grant";
      return {
        kind: "role.changed",
        actor,
        body: { userId: b.userId, from: granted ? null : role, to: granted ? role : null, reason: b.reason, via: "admin" },
      };
    }
  }
}
