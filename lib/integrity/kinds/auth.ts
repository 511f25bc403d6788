/**
 * Authentication and role records. They carry no credentials and no contact data: invitations are identified by
 * id only (the invitee's email stays in the database, which can erase it; the log cannot).
 */
import { z } from "zod";
import { actorRole, code, entityId, reason, utcTimestamp } from "./common";

export const AUTH_METHODS = ["password", "passkey", "siwe", "invitation"] as const;
const method = z.enum(AUTH_METHODS);

export const authSignedInBody = z.strictObject({ method });

export const authSignedOutBody = z.strictObject({
  reason: z.enum(["user", "expired", "revoked"]).optional(),
});

export const SIGN_IN_FAILURES = [
  "bad_credentials",
  "unknown_account",
  "locked",
  "expired_invitation",
  "bad_signature",
  "rate_limited",
] as const;

/** A failed sign-in. The actor is the targeted account when known, otherwise the system. */
export const authSignInFailedBody = z.strictObject({
  method,
  reason: z.enum(SIGN_IN_FAILURES),
});

export const authInvitationCreatedBody = z.strictObject({
  invitationId: entityId,
  role: actorRole,
  expiresAt: utcTimestamp,
});

export const authInvitationAcceptedBody = z.strictObject({
  invitationId: entityId,
});

/** A user's role changed; null means "no role" (granted from nothing, or removed). */
export const roleChangedBody = z
  .strictObject({
    userId: entityId,
    from: actorRole.nullable(),
    to: actorRole.nullable(),
    reason: reason.optional(),
    /** Optional machine-readable trigger, e.g. "invitation", "admin". */
    via: code.optional(),
  })
  .refine((b) => b.from !== b.to, { message: "from and to must differ", path: ["to"] });
