/**
 * Hex <-> bytes with strict validation.
 *
 * docs/records.md#hex-encoding fixes the textual form of every hash as `0x`-prefixed *lowercase* hex. We refuse
 * anything else (missing prefix, odd length, uppercase, whitespace) instead of normalising it: two spellings of the
 * same hash would compare unequal as strings elsewhere (bundles, database columns, UI), so accepting them here would
 * only move the bug. Callers that receive foreign input (e.g. a checksummed address) normalise it explicitly.
 *
 * Decoding is table-driven and allocation-light because it sits on the hot path of proof verification.
 */

/** A `0x`-prefixed hex string. The type alone does not promise lowercase or a length; the validators do. */
export type Hex = `0x${string}`;

/** Thrown by the throwing decoders below. Verifiers use the `try*` variants and never see it. */
export class HexError extends Error {
  override name = "HexError";
}

const BYTE_TO_HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

// charCode -> nibble value, -1 for anything that is not [0-9a-f]. Uppercase is deliberately invalid.
const NIBBLE = new Int8Array(128).fill(-1);
for (let c = 0; c < 10; c++) NIBBLE[0x30 + c] = c;
for (let c = 0; c < 6; c++) NIBBLE[0x61 + c] = 10 + c;

/** Encodes bytes as `0x`-prefixed lowercase hex. */
export function bytesToHex(bytes: Uint8Array): Hex {
  let out = "0x";
  for (let i = 0; i < bytes.length; i++) out += BYTE_TO_HEX[bytes[i]!];
  return out as Hex;
}

/**
 * Decodes the hex digits of `hex` (after the `0x` prefix) into `out` at `offset`.
 * Returns false, leaving `out` partially written, if a character is not lowercase hex.
 * The caller has already checked the prefix and that the length fits.
 */
function decodeDigits(hex: string, out: Uint8Array, offset: number, byteCount: number): boolean {
  for (let i = 0, j = 2; i < byteCount; i++, j += 2) {
    const hiCode = hex.charCodeAt(j);
    const loCode = hex.charCodeAt(j + 1);
    // charCodeAt returns up to 0xffff; anything >= 128 is out of the table and invalid.
    const hi = hiCode < 128 ? NIBBLE[hiCode]! : -1;
    const lo = loCode < 128 ? NIBBLE[loCode]! : -1;
    if (hi < 0 || lo < 0) return false;
    out[offset + i] = (hi << 4) | lo;
  }
  return true;
}

function hasHexShape(value: unknown, byteLength: number | undefined): value is string {
  if (typeof value !== "string" || value.length < 2 || value.charCodeAt(0) !== 0x30 || value.charCodeAt(1) !== 0x78) {
    return false;
  }
  const digits = value.length - 2;
  if (digits % 2 !== 0) return false;
  return byteLength === undefined || digits === byteLength * 2;
}

/**
 * Decodes strict hex, or returns null. Never throws, whatever `value` is, which is what the verifiers need.
 * `byteLength`, when given, is the exact number of bytes required.
 */
export function tryHexToBytes(value: unknown, byteLength?: number): Uint8Array | null {
  if (!hasHexShape(value, byteLength)) return null;
  const out = new Uint8Array((value.length - 2) / 2);
  return decodeDigits(value, out, 0, out.length) ? out : null;
}

/** Decodes strict hex into `out` at `offset` without allocating. Returns false on any malformation. */
export function tryHexInto(value: unknown, out: Uint8Array, offset: number, byteLength: number): boolean {
  if (!hasHexShape(value, byteLength) || offset < 0 || offset + byteLength > out.length) return false;
  return decodeDigits(value, out, offset, byteLength);
}

/** Decodes strict hex; throws HexError with the reason on malformed input. */
export function hexToBytes(value: string, byteLength?: number): Uint8Array {
  const bytes = tryHexToBytes(value, byteLength);
  if (bytes === null) {
    const shown = typeof value === "string" ? JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value) : typeof value;
    const want = byteLength === undefined ? "" : ` of exactly ${byteLength} bytes`;
    throw new HexError(`expected 0x-prefixed lowercase hex${want}, got ${shown}`);
  }
  return bytes;
}

/** True when `value` is strict lowercase `0x` hex (of exactly `byteLength` bytes when given). */
export function isHex(value: unknown, byteLength?: number): value is Hex {
  if (!hasHexShape(value, byteLength)) return false;
  for (let j = 2; j < value.length; j++) {
    const c = value.charCodeAt(j);
    if (c >= 128 || NIBBLE[c]! < 0) return false;
  }
  return true;
}

/** Pattern for a 32-byte hash as written in the API: used by the zod schemas. */
export const HASH_HEX_PATTERN = /^0x[0-9a-f]{64}$/;

/** True for a 32-byte hash in canonical form. */
export function isHashHex(value: unknown): value is Hex {
  return isHex(value, 32);
}

/** Byte equality. Timing does not matter here: everything compared is public (hashes, roots). */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
