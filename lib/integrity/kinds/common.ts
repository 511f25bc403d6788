/**
 * Field schemas shared by the envelope and the per-kind bodies.
 *
 * Rule for every schema in kinds/: no transforms, defaults or coercion. The parsed output must be the very value
 * that was hashed, otherwise "validate then hash" and "hash then validate" would disagree. Constraints are
 * expressed as patterns and refinements only.
 */
import { z } from "zod";
import { assertJsonValue, CanonicalizationError } from "../canonical";
import { HASH_HEX_PATTERN } from "../hex";

/** 32-byte hash, 0x + 64 lowercase hex (docs/records.md#hex-encoding). */
export const hash32 = z.string().regex(HASH_HEX_PATTERN, "expected 0x-prefixed lowercase 32-byte hex");

/** UTC ISO 8601 with milliseconds and Z, e.g. 2026-11-21T10:15:30.123Z, and a real calendar instant. */
export const UTC_TIMESTAMP_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
export const utcTimestamp = z
  .string()
  .regex(UTC_TIMESTAMP_PATTERN, "expected UTC ISO 8601 with milliseconds and Z, e.g. 2026-11-21T10:15:30.123Z")
  .refine((s) => {
    // Round-tripping through Date rejects impossible dates (2026-02-30) and hours such as 24:00. Strings that
    // already failed the pattern are not reported twice.
    if (!UTC_TIMESTAMP_PATTERN.test(s)) return true;
    const t = Date.parse(s);
    return Number.isFinite(t) && new Date(t).toISOString() === s;
  }, "not a valid calendar date and time");

/**
 * Decimal number written as a string (docs/records.md#decimal-strings: clinical numbers are never JSON numbers, so
 * canonicalization cannot alter their precision). Plain notation only: optional minus, no leading zeros, optional
 * fraction; no exponent, no plus sign, no thousands separators. Trailing fractional zeros are kept as written
 * ("5.10").
 */
export const DECIMAL_PATTERN = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/;
export const decimalString = z
  .string({ error: 'expected a decimal string such as "120" or "7.25", not a JSON number' })
  .max(40)
  .regex(DECIMAL_PATTERN, 'expected a decimal string such as "120" or "7.25"');

/** Unit of measure, UCUM-style code (e.g. "mm[Hg]", "mg/dL", "1"): printable ASCII without spaces. */
export const unit = z.string().regex(/^[!-~]{1,32}$/, "expected a unit code (1-32 printable ASCII characters, no spaces)");

/** A value with its unit: the only way a clinical quantity appears in a body. */
export const quantity = z.strictObject({ value: decimalString, unit });

/**
 * Opaque prefixed identifier as used for portal entities: lowercase prefix, underscore, token
 * (e.g. usr_9f2c…, site_…, inv_…).
 */
export const ID_PATTERN = /^[a-z]{2,8}_[A-Za-z0-9]{4,64}$/;
export const entityId = z.string().regex(ID_PATTERN, "expected a prefixed id such as usr_9f2c41d0");

/**
 * Pseudonymous participant id (docs/privacy.md#pseudonymous-subjects): never a name, email or other direct
 * identifier.
 */
export const PARTICIPANT_ID_PATTERN = /^ppt_[A-Za-z0-9]{4,64}$/;
export const participantId = z.string().regex(PARTICIPANT_ID_PATTERN, "expected a pseudonymous participant id such as ppt_41d0…");

/** Public trial id (e.g. TP-2026-0001), or "portal" for records that concern the portal rather than one trial. */
export const TRIAL_PUBLIC_ID_PATTERN = /^TP-\d{4}-\d{4,}$/;
export const PORTAL_TRIAL = "portal";
export const trialRef = z.union([
  z.literal(PORTAL_TRIAL),
  z.string().regex(TRIAL_PUBLIC_ID_PATTERN, 'expected a public trial id such as TP-2026-0001, or "portal"'),
]);

/** EVM address, lowercase (one spelling, so two writers cannot produce different bytes for the same wallet). */
export const walletAddress = z.string().regex(/^0x[0-9a-f]{40}$/, "expected a lowercase 0x address");

/** Arbitrary-length byte string as lowercase hex (signatures). */
export const hexBytes = z.string().regex(/^0x(?:[0-9a-f]{2})+$/, "expected 0x-prefixed lowercase hex bytes");

/** Who can act. "system" is the portal itself (anchoring worker, automatic expiry, ...). */
export const ACTOR_ROLES = ["sponsor", "investigator", "coordinator", "participant", "regulator", "admin", "user", "system"] as const;
export const actorRole = z.enum(ACTOR_ROLES);

/** Non-negative safe integer (leaf indices, versions). */
export const leafIndex = z.int().min(0);

/** A pointer to an earlier record of the same log: its index and leaf hash (both, so either can be checked). */
export const leafRef = z.strictObject({ index: leafIndex, leafHash: hash32 });

/** Free-text justification. Required for corrections and amendments; never blank. */
export const reason = z
  .string()
  .min(1)
  .max(2000)
  .refine((s) => s.trim().length > 0, "must not be blank");

/** Short lowercase code (resource types, measure codes, visit codes). */
export const code = z.string().regex(/^[a-z][a-z0-9_.-]{0,63}$/, "expected a lowercase code such as systolic_bp");

/** A JSON object that RFC 8785 can represent (checked here so the error points at the offending field). */
export const jsonObject = z.record(z.string(), z.unknown()).superRefine((value, ctx) => {
  try {
    assertJsonValue(value);
  } catch (e) {
    if (!(e instanceof CanonicalizationError)) throw e;
    ctx.addIssue({ code: "custom", message: e.message, path: [...e.segments] });
  }
});
