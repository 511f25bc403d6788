/**
 * Authentication and role records. They carry no credentials and no contact data: invitations are identified by
 * id only (the invitee's email stays in the database, which can erase it; the log cannot).
 */
import { z } from "zod";
import { actorRole, code, entityId, hash32, reason, utcTimestamp, walletAddress } from "./common";

export const AUTH_METHODS = ["password", "passkey", "siwe", "invitation"] as const;
const method = z.enum(AUTH_METHODS);

export const authSignedInBody = z.strictObject({ method });

export const authSignedOutBody = z.strictObject({
  reason: z.enum(["user", "expired", "revoked"]).optional(),
});

export const SIGN_IN_FAILURES = ["bad_credentials", "unknown_account", "locked", "expired_invitation", "bad_signature", "rate_limited"] as const;

/** A failed sign-in. The actor is the targeted account when known, otherwise the system. */
export const authSignInFailedBody = z.strictObject({
  method,
  reason: z.enum(SIGN_IN_FAILURES),
});

/** What raised a sign-in alert: repeated failures from one client address, or against one account from anywhere. */
export const SIGN_IN_ALERT_TRIGGERS = ["address_failures", "account_failures"] as const;

/**
 * Repeated failed sign-ins reported to platform admins (21 CFR 11.300(d)). Pseudonymous: the targeted account by
 * user id when the email typed belongs to one, and `emailTag`, a keyed hash of the email typed, so alerts about the
 * same address can be correlated without the log ever holding it.
 */
export const authSignInAlertBody = z.strictObject({
  method,
  trigger: z.enum(SIGN_IN_ALERT_TRIGGERS),
  failures: z.int().min(1),
  windowSeconds: z.int().min(1),
  account: entityId.nullable(),
  emailTag: hash32,
});

/** A wallet was linked to the actor's account (proved by a Sign-In with Ethereum signature on `chainId`). */
export const authWalletLinkedBody = z.strictObject({
  wallet: walletAddress,
  chainId: z.int().positive(),
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
