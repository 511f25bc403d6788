/**
 * Access records: who read what, who was refused, and which access a participant granted or revoked. They let a
 * participant see who accessed their record, with the same tamper evidence as clinical data.
 */
import { z } from "zod";
import { actorRole, code, entityId, leafRef, reason, utcTimestamp } from "./common";

/** What was accessed: a resource type code (e.g. "participant_record", "outcomes", "audit_bundle") and its id. */
const resource = {
  resource: code,
  resourceId: z.string().min(1).max(128).optional(),
};

export const accessReadBody = z.strictObject({
  ...resource,
  purpose: z.string().min(1).max(500).optional(),
});

export const accessDeniedBody = z.strictObject({
  ...resource,
  /** Machine-readable refusal reason, e.g. "not_assigned", "consent_withdrawn". */
  reason: code,
});

const grantee = z.strictObject({ role: actorRole, id: entityId });

export const accessGrantedBody = z.strictObject({
  grantee,
  /** Resource type codes the grant covers. */
  scope: z.array(code).min(1).max(32),
  expiresAt: utcTimestamp.optional(),
});

export const accessRevokedBody = z.strictObject({
  grantee,
  /** The access.granted record being revoked, when there is one. */
  grant: leafRef.optional(),
  reason: reason.optional(),
});
