/**
 * Consent records. The form itself is logged (so the exact wording a participant saw is pinned by the log), and
 * every later consent record points at the record it builds on with a leaf reference {index, leafHash}.
 */
import { z } from "zod";
import { entityId, hexBytes, leafRef, reason, walletAddress } from "./common";

/** BCP 47 language tag, e.g. "en", "fr-CA". */
const language = z.string().regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, "expected a BCP 47 language tag such as en or fr-CA");

/** A version of a consent form, in full. `text` is the form as shown (Markdown). */
export const consentFormBody = z.strictObject({
  formId: entityId,
  version: z.int().min(1),
  protocolVersion: z.int().min(1),
  language,
  title: z.string().min(1).max(300),
  text: z.string().min(1).max(200_000),
});

/** How the participant authenticated the signature. The optional wallet co-signature is verifiable off-portal. */
export const CONSENT_METHODS = ["password", "passkey", "wallet"] as const;

export const consentSignedBody = z.strictObject({
  /** The consent.form record that was signed. */
  form: leafRef,
  formId: entityId,
  formVersion: z.int().min(1),
  method: z.enum(CONSENT_METHODS),
  walletSignature: z.strictObject({ address: walletAddress, signature: hexBytes }).optional(),
});

/** The site's countersignature of a participant's consent.signed record. */
export const consentCountersignedBody = z.strictObject({
  signed: leafRef,
  formId: entityId,
  formVersion: z.int().min(1),
});

/** Withdrawal of a consent. A reason is optional: participants may withdraw without giving one. */
export const consentWithdrawnBody = z.strictObject({
  signed: leafRef,
  reason: reason.optional(),
});
