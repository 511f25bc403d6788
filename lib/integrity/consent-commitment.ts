/**
 * The signature manifestation commitment of consent.signed and consent.countersigned records
 * (docs/consent.md#the-manifestation-commitment):
 *
 *   manifestation = SHA-256(salt bytes ‖ UTF-8 of JCS({ meaning, name, signedAt }))
 *
 * The log must show that a named person signed at a given instant with a given meaning, without naming them: the
 * record carries only this hash. The 32-byte salt makes it impossible to confirm a guessed name against the public
 * log; whoever holds the name, instant, meaning and salt (the participant's copy, the site) can recompute it.
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { canonicalize } from "./canonical";
import { bytesToHex, hexToBytes, type Hex } from "./hex";

/** What the signer saw and affirmed: the printed name as typed, the server's UTC instant and the meaning text. */
export interface SignatureManifestation {
  name: string;
  /** docs/records.md#timestamps */
  signedAt: string;
  meaning: string;
}

const SALT_HEX = /^[0-9a-f]{64}$/;

/** The commitment to a manifestation under a 64-hex-digit salt (the envelope salt format, without 0x). */
export function manifestationCommitment(manifestation: SignatureManifestation, salt: string): Hex {
  if (!SALT_HEX.test(salt)) throw new RangeError("salt must be 64 lowercase hex digits (32 bytes)");
  const { name, signedAt, meaning } = manifestation;
  const json = new TextEncoder().encode(canonicalize({ meaning, name, signedAt }));
  const saltBytes = hexToBytes(`0x${salt}`, 32);
  const input = new Uint8Array(saltBytes.length + json.length);
  input.set(saltBytes, 0);
  input.set(json, saltBytes.length);
  return bytesToHex(sha256(input));
}

/** True when the manifestation and salt produce the committed hash; false for anything malformed (never throws). */
export function verifyManifestation(manifestation: SignatureManifestation, salt: string, commitment: string): boolean {
  try {
    return manifestationCommitment(manifestation, salt) === commitment;
  } catch {
    return false;
  }
}
