/**
 * Bit arithmetic on tree sizes and indices.
 *
 * RFC 9162 uses 64-bit unsigned sizes; JavaScript bitwise operators work on 32 bits. A log can outgrow 2^32
 * leaves long before it outgrows Number.MAX_SAFE_INTEGER (2^53 - 1), so every size and index here is a
 * non-negative *safe integer* and these helpers implement the few bit operations the proof algorithms need on the
 * full 53-bit range, using exact floating-point arithmetic (divisions by powers of two are exact below 2^53).
 * BigInt would also work but is several times slower and is not needed for sizes a log can reach.
 */

const TWO_POW_32 = 0x1_0000_0000;

/** A tree size or leaf index: a non-negative safe integer. Type guard used by every verifier input check. */
export function isSafeUint(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

function hi32(x: number): number {
  return Math.floor(x / TWO_POW_32);
}

/** Number of bits needed to write x (0 for 0). Go's bits.Len64. */
export function bitLength(x: number): number {
  if (x < TWO_POW_32) return 32 - Math.clz32(x);
  return 64 - Math.clz32(hi32(x));
}

function popCount32(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return ((((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24) & 0xff;
}

/** Number of set bits. Go's bits.OnesCount64. */
export function popCount(x: number): number {
  return popCount32(x >>> 0) + popCount32(hi32(x));
}

/** Number of trailing zero bits; 64 for 0 (as Go's bits.TrailingZeros64). */
export function trailingZeros(x: number): number {
  if (x === 0) return 64;
  const lo = x >>> 0;
  if (lo !== 0) return 31 - Math.clz32(lo & -lo);
  const hi = hi32(x);
  return 63 - Math.clz32(hi & -hi);
}

/** a XOR b for safe non-negative integers. */
export function xor(a: number, b: number): number {
  return ((hi32(a) ^ hi32(b)) >>> 0) * TWO_POW_32 + (((a >>> 0) ^ (b >>> 0)) >>> 0);
}

/** x >> k (floor division by 2^k), exact for safe integers. */
export function shiftRight(x: number, k: number): number {
  return k === 0 ? x : Math.floor(x / 2 ** k);
}

/** Bit i of x (0 or 1). */
export function bitAt(x: number, i: number): number {
  return shiftRight(x, i) % 2;
}

/** The largest power of two strictly smaller than n (n >= 2): the split point k of RFC 9162 §2.1.1. */
export function splitPoint(n: number): number {
  return 2 ** (bitLength(n - 1) - 1);
}

/** True if n is a power of two (n >= 1). */
export function isPowerOfTwo(n: number): boolean {
  return n >= 1 && 2 ** (bitLength(n) - 1) === n;
}
