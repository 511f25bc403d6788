import { sha256, toBytes, type Hex } from "viem";

/** Public id of the portal-wide log (sign-ins, role changes, ...). Same value as PORTAL_LOG in lib/server/log. */
export const PORTAL_LOG_ID = "portal";

/**
 * The `protocolHash` with which the anchorer registers the portal-wide log on TrialLedger.
 *
 * The portal log has no protocol, and it may still be empty when the anchorer first starts, so instead of a
 * record's leaf hash it is registered with this fixed, non-zero marker:
 *
 *     PORTAL_LOG_PROTOCOL_MARKER = SHA-256(UTF-8 bytes of "trialproof.portal-log/1")
 *
 * A verifier that finds this value as protocol version 1 of `chainTrialId(anchorer, "portal")` knows the entry is the
 * portal-wide log registered by the portal's own anchorer (its sponsor address), not a clinical trial.
 */
export const PORTAL_LOG_PROTOCOL_MARKER: Hex = sha256(toBytes("trialproof.portal-log/1"));
