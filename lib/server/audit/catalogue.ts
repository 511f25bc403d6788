import { z } from "zod";

/** The closed catalogue of audit events written by the foundation. */
export const AUDIT_KINDS = [
  "auth.signed_in",
  "auth.signed_out",
  "auth.session_expired",
  "auth.sign_in_failed",
  "auth.invitation_created",
  "auth.invitation_accepted",
  "role.changed",
] as const;

export const ZAuditKind = z.enum(AUDIT_KINDS);
export type AuditKind = z.infer<typeof ZAuditKind>;

export interface AuditEventInput {
  kind: AuditKind;
  actorUserId: string | null;
  actorRole?: string | null;
  trialId?: string | null;
  subject?: string | null;
  ipAddress?: string | null;
  body: Record<string, unknown>;
}
