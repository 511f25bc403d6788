// Proofs assembled from stored perfect subtrees must equal the in-memory RFC 9162 proofs, with O(log n) lookups.
import { sha256 } from "@noble/hashes/sha2.js";
import { describe, expect, it } from "vitest";
import { bitLength } from "./bits";
import { CompactRange } from "./compact-range";
import { EMPTY_ROOT } from "./hash";
import { bytesToHex, type Hex } from "./hex";
import { consistencyProof, inclusionProof } from "./proofs";
import {
  assembleProof,
  compactRangeNodes,
  consistencyProofFromSubtrees,
  consistencyProofPlan,
  inclusionProofFromSubtrees,
  inclusionProofPlan,
  isPerfectRange,
  perfectRangeId,
  planRanges,
  rootFromSubtrees,
} from "./subtree-proofs";
import { rootFromLeafHashes, subtreeRootBytes } from "./tree";

function makeLog(n: number, tag = 0) {
  const leaves: Uint8Array[] = [];
  const store = new Map<string, Uint8Array>();
  const acc = CompactRange.empty();
  for (let i = 0; i < n; i++) {
    const leaf = sha256(new Uint8Array([tag, i & 0xff, (i >> 8) & 0xff, (i >> 16) & 0xff]));
    leaves.push(leaf);
    for (const s of acc.append(leaf)) store.set(`${s.start}:${s.end}`, s.hash);
  }
  let lookups = 0;
  const get = (start: number, end: number) => {
    lookups++;
    expect(isPerfectRange(start, end), `[${start}, ${end}) is not a perfect subtree`).toBe(true);
    return store.get(`${start}:${end}`);
  };
  return {
    leaves,
    hex: leaves.map(bytesToHex),
    store,
    acc,
    get,
    takeLookups: () => {
      const l = lookups;
      lookups = 0;
      return l;
    },
  };
}

/** Upper bound on lookups for one proof in a tree of size n: one per level plus one ephemeral decomposition. */
const lookupBound = (n: number) => 2 * bitLength(n) + 1;

describe("proofs from stored subtrees", () => {
  it("equal the in-memory proofs for every index and every size1, for all sizes 1..70", () => {
    for (let n = 1; n <= 70; n++) {
      const log = makeLog(n);
      for (let i = 0; i < n; i++) {
        expect(inclusionProofFromSubtrees(i, n, log.get), `inclusion ${i}/${n}`).toEqual(inclusionProof(log.hex, i));
        expect(log.takeLookups()).toBeLessThanOrEqual(lookupBound(n));
      }
      for (let m = 1; m <= n; m++) {
        expect(consistencyProofFromSubtrees(m, n, log.get), `consistency ${m}->${n}`).toEqual(consistencyProof(log.hex, m));
        expect(log.takeLookups()).toBeLessThanOrEqual(lookupBound(n));
      }
      expect(rootFromSubtrees(n, log.get)).toBe(rootFromLeafHashes(log.hex));
    }
  });

  it("equal the in-memory proofs on larger random logs", () => {
    for (const n of [1000, 1024, 4097, 20_000 + Math.floor(Math.random() * 1000)]) {
      const log = makeLog(n, 1);
      const picks = [0, 1, n - 1, n >> 1, Math.floor(Math.random() * n), Math.floor(Math.random() * n)];
      for (const i of picks) {
        expect(inclusionProofFromSubtrees(i, n, log.get), `inclusion ${i}/${n}`).toEqual(inclusionProof(log.hex, i));
        expect(log.takeLookups()).toBeLessThanOrEqual(lookupBound(n));
      }
      for (const m of [1, 2, n - 1, n, n >> 1, 1 + Math.floor(Math.random() * n)]) {
        expect(consistencyProofFromSubtrees(m, n, log.get), `consistency ${m}->${n}`).toEqual(consistencyProof(log.hex, m));
        expect(log.takeLookups()).toBeLessThanOrEqual(lookupBound(n));
      }
      expect(rootFromSubtrees(n, log.get)).toBe(bytesToHex(log.acc.root()));
    }
  });

  it("plan only perfect ranges, O(log n) of them, even for sizes near 2^53", () => {
    for (const n of [2 ** 32 + 5, 2 ** 40 + 123_456_789, Number.MAX_SAFE_INTEGER]) {
      for (const i of [0, 1, 2 ** 31, n - 2, n - 1, Math.floor(n / 3)]) {
        const ranges = planRanges(inclusionProofPlan(i, n));
        expect(ranges.length).toBeLessThanOrEqual(lookupBound(n));
        for (const r of ranges) expect(isPerfectRange(r.start, r.end)).toBe(true);
      }
      for (const m of [1, 2 ** 31 + 1, n - 1, Math.floor(n / 3)]) {
        const plan = consistencyProofPlan(m, n);
        expect(plan.length).toBeGreaterThan(0);
        for (const r of planRanges(plan)) expect(isPerfectRange(r.start, r.end)).toBe(true);
        expect(planRanges(plan).length).toBeLessThanOrEqual(lookupBound(n));
      }
    }
  });

  it("gives the documented edge cases: m == n is empty, m == 0 or out of range throws", () => {
    expect(consistencyProofPlan(5, 5)).toEqual([]);
    expect(() => consistencyProofPlan(0, 5)).toThrow(RangeError);
    expect(() => consistencyProofPlan(6, 5)).toThrow(RangeError);
    expect(() => inclusionProofPlan(5, 5)).toThrow(RangeError);
    expect(() => inclusionProofPlan(-1, 5)).toThrow(RangeError);
    expect(inclusionProofPlan(0, 1)).toEqual([]);
    expect(rootFromSubtrees(0, () => undefined)).toBe(EMPTY_ROOT);
  });

  it("fails loudly when a stored subtree is missing or malformed", () => {
    const log = makeLog(10);
    expect(() => inclusionProofFromSubtrees(3, 10, () => undefined)).toThrow(/no valid 32-byte hash/);
    expect(() => inclusionProofFromSubtrees(3, 10, () => "0x1234" as Hex)).toThrow(/no valid 32-byte hash/);
    // hex values are accepted as well as bytes
    const viaHex = assembleProof(inclusionProofPlan(3, 10), (s, e) => bytesToHex(log.store.get(`${s}:${e}`)!));
    expect(viaHex).toEqual(inclusionProof(log.hex, 3));
  });
});

describe("compact ranges and perfect subtrees", () => {
  it("append reports every perfect subtree it completes, with the right hash", () => {
    const log = makeLog(37);
    let count = 0;
    for (const [key, hash] of log.store) {
      const [s, e] = key.split(":").map(Number) as [number, number];
      expect(isPerfectRange(s, e)).toBe(true);
      expect(bytesToHex(hash)).toBe(bytesToHex(subtreeRootBytes(log.leaves, s, e)));
      count++;
    }
    // A log of n leaves has exactly 2n - popcount(n) perfect subtrees: 37 -> 74 - 3.
    expect(count).toBe(71);
  });

  it("compactRangeNodes tiles a range with maximal aligned subtrees", () => {
    expect(compactRangeNodes(0, 13)).toEqual([
      { start: 0, end: 8 },
      { start: 8, end: 12 },
      { start: 12, end: 13 },
    ]);
    expect(compactRangeNodes(5, 12)).toEqual([
      { start: 5, end: 6 },
      { start: 6, end: 8 },
      { start: 8, end: 12 },
    ]);
    expect(compactRangeNodes(4, 4)).toEqual([]);
    expect(perfectRangeId({ start: 8, end: 12 })).toEqual({ level: 2, index: 2 });
  });

  it("a compact range resumed from stored subtrees continues identically", () => {
    const log = makeLog(45);
    const nodes = compactRangeNodes(0, 45).map((r) => log.store.get(`${r.start}:${r.end}`)!);
    const resumed = CompactRange.fromSubtrees(45, nodes);
    expect(bytesToHex(resumed.root())).toBe(bytesToHex(log.acc.root()));
    const extra = sha256(new Uint8Array([9, 9]));
    resumed.append(extra);
    expect(bytesToHex(resumed.root())).toBe(rootFromLeafHashes([...log.hex, bytesToHex(extra)]));
    expect(() => CompactRange.fromSubtrees(45, nodes.slice(1))).toThrow(RangeError);
  });

  it("clones are independent", () => {
    const log = makeLog(6);
    const copy = log.acc.clone();
    log.acc.append(sha256(new Uint8Array([1])));
    expect(copy.size).toBe(6);
    expect(bytesToHex(copy.root())).toBe(rootFromLeafHashes(log.hex));
  });
});
