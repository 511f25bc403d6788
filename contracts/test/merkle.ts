/**
 * Minimal RFC 9162 §2.1 Merkle tree for the contract tests (independent of lib/integrity on purpose):
 * Merkle Tree Hash, inclusion proofs (§2.1.3.1) and consistency proofs (§2.1.4.1), straight from the RFC's
 * recursive definitions. Not optimised; fine for trees of a few thousand leaves.
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import type { Hex } from "viem";

export function leafHash(data: Uint8Array): Uint8Array {
  const buf = new Uint8Array(data.length + 1);
  buf[0] = 0x00;
  buf.set(data, 1);
  return sha256(buf);
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  const buf = new Uint8Array(65);
  buf[0] = 0x01;
  buf.set(left, 1);
  buf.set(right, 33);
  return sha256(buf);
}

export const hex = (b: Uint8Array): Hex => `0x${bytesToHex(b)}`;

/** Largest power of two strictly smaller than n (n > 1). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** An append-only list of leaf hashes with RFC 9162 tree operations over any prefix. */
export class MerkleLog {
  readonly leaves: Uint8Array[] = [];
  private readonly memo = new Map<string, Uint8Array>();

  constructor(leafHashes: Uint8Array[] = []) {
    this.leaves.push(...leafHashes);
  }

  /** Appends `count` leaves whose data is derived deterministically from `label` and the index. */
  static synthetic(count: number, label = "leaf"): MerkleLog {
    const enc = new TextEncoder();
    return new MerkleLog(Array.from({ length: count }, (_, i) => leafHash(enc.encode(`${label}-${i}`))));
  }

  get size(): number {
    return this.leaves.length;
  }

  /** MTH(D[start:end]) */
  private mth(start: number, end: number): Uint8Array {
    const n = end - start;
    if (n === 0) return sha256(new Uint8Array(0));
    if (n === 1) return this.leaves[start]!;
    const key = `${start}:${end}`;
    const cached = this.memo.get(key);
    if (cached) return cached;
    const k = split(n);
    const h = nodeHash(this.mth(start, start + k), this.mth(start + k, end));
    this.memo.set(key, h);
    return h;
  }

  root(size = this.size): Uint8Array {
    this.check(size);
    return this.mth(0, size);
  }

  /** PATH(m, D[0:size]) */
  inclusionProof(index: number, size = this.size): Uint8Array[] {
    this.check(size);
    if (index < 0 || index >= size) throw new RangeError(`index ${index} not in tree of size ${size}`);
    const path = (m: number, start: number, end: number): Uint8Array[] => {
      const n = end - start;
      if (n === 1) return [];
      const k = split(n);
      return m < k ? [...path(m, start, start + k), this.mth(start + k, end)] : [...path(m - k, start + k, end), this.mth(start, start + k)];
    };
    return path(index, 0, size);
  }

  /** PROOF(m, D[0:n]) = SUBPROOF(m, D[0:n], true), for 0 < m <= n. */
  consistencyProof(m: number, n = this.size): Uint8Array[] {
    this.check(n);
    if (m <= 0 || m > n) throw new RangeError(`no consistency proof from ${m} to ${n}`);
    const subproof = (mm: number, start: number, end: number, whole: boolean): Uint8Array[] => {
      const nn = end - start;
      if (mm === nn) return whole ? [] : [this.mth(start, end)];
      const k = split(nn);
      return mm <= k
        ? [...subproof(mm, start, start + k, whole), this.mth(start + k, end)]
        : [...subproof(mm - k, start + k, end, false), this.mth(start, start + k)];
    };
    return subproof(m, 0, n, true);
  }

  private check(size: number): void {
    if (!Number.isInteger(size) || size < 0 || size > this.size) throw new RangeError(`bad tree size ${size}`);
  }
}

/** Flips one bit of a hash (returns a copy). */
export function flipBit(h: Uint8Array, bit = 0): Uint8Array {
  const out = Uint8Array.from(h);
  out[bit >> 3]! ^= 1 << (bit & 7);
  return out;
}
