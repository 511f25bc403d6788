/**
 * O(log n) proof generation from stored perfect-subtree hashes (docs/log.md#stored-subtrees: proofs are not produced
 * by rehashing the log).
 *
 * Every node of an RFC 9162 tree covers a range of leaves. Nodes that cover an aligned power-of-two range
 * ("perfect subtrees": [i·2^l, (i+1)·2^l)) never change once complete, so a log writer can store them as it
 * appends (CompactRange.append returns exactly those). The only nodes that are not perfect lie on the right edge
 * of the current tree ("ephemeral" nodes); their hash is the right-to-left fold of the perfect subtrees that tile
 * their range (the binary decomposition of its size, largest first).
 *
 * A proof is therefore planned as a list of elements, each element a list of perfect ranges to fetch and fold.
 * Walking the RFC's PATH / SUBPROOF recursion iteratively shows that at most one element is ephemeral (the first
 * time the walk turns left while still on the right edge), so a plan needs O(log n) lookups in total.
 *
 * Usage on the server, with one round trip to the database:
 *   const plan = inclusionProofPlan(index, treeSize);
 *   const rows = await fetchSubtrees(planRanges(plan));        // e.g. WHERE (level, idx) IN (...)
 *   const proof = assembleProof(plan, (start, end) => rows.get(`${start}:${end}`));
 */
import { bitLength, isSafeUint, splitPoint, trailingZeros } from "./bits";
import { EMPTY_ROOT, HASH_BYTES, nodeHashBytes } from "./hash";
import { bytesToHex, tryHexToBytes, type Hex } from "./hex";

/** An aligned power-of-two leaf range [start, end): a perfect subtree, also addressable as (level, index). */
export interface PerfectRange {
  readonly start: number;
  readonly end: number;
}

/** One proof element: the fold (right to left) of these perfect subtrees, listed left to right. */
export type ProofElementPlan = readonly PerfectRange[];
export type ProofPlan = readonly ProofElementPlan[];

/** Callback returning the stored hash of a perfect subtree (32 bytes, or 32-byte lowercase 0x hex). */
export type GetSubtreeHash = (start: number, end: number) => Uint8Array | Hex | undefined | null;

/** (level, index) of a perfect range, a convenient primary key for storage: start = index·2^level. */
export function perfectRangeId(range: PerfectRange): { level: number; index: number } {
  const size = range.end - range.start;
  const level = bitLength(size) - 1;
  return { level, index: range.start / 2 ** level };
}

/** True if [start, end) is a non-empty aligned power-of-two range. */
export function isPerfectRange(start: number, end: number): boolean {
  if (!isSafeUint(start) || !isSafeUint(end) || end <= start) return false;
  const size = end - start;
  const level = bitLength(size) - 1;
  return 2 ** level === size && start % size === 0;
}

/**
 * The perfect subtrees tiling [start, end), left to right, each as large as alignment allows. For the ranges that
 * occur in proofs (start aligned to a power of two >= end - start) these are the binary digits of the size,
 * largest first, and folding them right to left gives the range's Merkle Tree Hash. With start = 0 this is the
 * compact range of a tree of size `end` (the state CompactRange keeps).
 */
export function compactRangeNodes(start: number, end: number): PerfectRange[] {
  if (!isSafeUint(start) || !isSafeUint(end) || start > end) throw new RangeError(`invalid range [${start}, ${end})`);
  const out: PerfectRange[] = [];
  let pos = start;
  while (pos < end) {
    // Largest power of two that divides pos (unbounded for pos = 0) and still fits in the remaining range.
    const fit = bitLength(end - pos) - 1;
    const level = pos === 0 ? fit : Math.min(trailingZeros(pos), fit);
    const size = 2 ** level;
    out.push({ start: pos, end: pos + size });
    pos += size;
  }
  return out;
}

/** The MTH of a subtree range [start, end) as proof elements need it; see compactRangeNodes. */
function rangeElement(start: number, end: number): ProofElementPlan {
  return compactRangeNodes(start, end);
}

/**
 * Plan for the inclusion proof of leaf `index` in a tree of `treeSize` leaves, in proof order (lowest sibling
 * first). Mirrors PATH(m, D[n]) of RFC 9162 §2.1.3.1 without recursion.
 */
export function inclusionProofPlan(index: number, treeSize: number): ProofPlan {
  if (!isSafeUint(index) || !isSafeUint(treeSize) || index >= treeSize) {
    throw new RangeError(`leaf index ${String(index)} out of range for tree size ${String(treeSize)}`);
  }
  const topDown: ProofElementPlan[] = [];
  let lo = 0;
  let hi = treeSize;
  while (hi - lo > 1) {
    const k = splitPoint(hi - lo);
    if (index < lo + k) {
      topDown.push(rangeElement(lo + k, hi)); // right sibling; ephemeral only while hi is the tree's right edge
      hi = lo + k;
    } else {
      topDown.push([{ start: lo, end: lo + k }]); // left sibling, always perfect
      lo += k;
    }
  }
  return topDown.reverse();
}

/**
 * Plan for the consistency proof between tree sizes size1 and size2 (0 < size1 <= size2), in proof order.
 * Mirrors PROOF / SUBPROOF of RFC 9162 §2.1.4.1; size1 == size2 gives the empty plan.
 */
export function consistencyProofPlan(size1: number, size2: number): ProofPlan {
  if (!isSafeUint(size1) || !isSafeUint(size2) || size1 < 1 || size1 > size2) {
    throw new RangeError(`invalid consistency sizes ${String(size1)} -> ${String(size2)} (need 0 < size1 <= size2)`);
  }
  const topDown: ProofElementPlan[] = [];
  let lo = 0;
  let hi = size2;
  let b = true; // SUBPROOF's flag: true while the current subtree is a left-edge prefix the verifier knows (root1)
  // Invariant: lo < size1 <= hi. Every range visited is either perfect or ends at size2.
  while (size1 !== hi) {
    const k = splitPoint(hi - lo);
    if (size1 <= lo + k) {
      topDown.push(rangeElement(lo + k, hi));
      hi = lo + k;
    } else {
      topDown.push([{ start: lo, end: lo + k }]);
      lo += k;
      b = false;
    }
  }
  // size1 == hi here and hi < size2 unless nothing was pushed, so [lo, hi) is perfect.
  if (!b) topDown.push([{ start: lo, end: hi }]);
  return topDown.reverse();
}

/** All perfect ranges a plan needs, deduplicated, for a batched lookup. */
export function planRanges(plan: ProofPlan): PerfectRange[] {
  const seen = new Set<string>();
  const out: PerfectRange[] = [];
  for (const element of plan) {
    for (const r of element) {
      const key = `${r.start}:${r.end}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push(r);
      }
    }
  }
  return out;
}

function toHashBytes(value: Uint8Array | Hex | undefined | null, range: PerfectRange): Uint8Array {
  const bytes = value instanceof Uint8Array ? value : tryHexToBytes(value, HASH_BYTES);
  if (bytes === null || bytes.length !== HASH_BYTES) {
    throw new Error(`no valid 32-byte hash for perfect subtree [${range.start}, ${range.end})`);
  }
  return bytes;
}

/** Builds the proof from a plan, looking up each perfect subtree once. Throws if a lookup is missing or bad. */
export function assembleProofBytes(plan: ProofPlan, getSubtreeHash: GetSubtreeHash): Uint8Array[] {
  return plan.map((element) => {
    if (element.length === 0) throw new Error("empty proof element in plan");
    let acc: Uint8Array | null = null;
    for (let i = element.length - 1; i >= 0; i--) {
      const r = element[i]!;
      const h = toHashBytes(getSubtreeHash(r.start, r.end), r);
      acc = acc === null ? h : nodeHashBytes(h, acc);
    }
    return acc!;
  });
}

export function assembleProof(plan: ProofPlan, getSubtreeHash: GetSubtreeHash): Hex[] {
  return assembleProofBytes(plan, getSubtreeHash).map(bytesToHex);
}

/** Inclusion proof from stored perfect-subtree hashes: O(log n) lookups and hashes. */
export function inclusionProofFromSubtrees(index: number, treeSize: number, getSubtreeHash: GetSubtreeHash): Hex[] {
  return assembleProof(inclusionProofPlan(index, treeSize), getSubtreeHash);
}

/** Consistency proof from stored perfect-subtree hashes: O(log n) lookups and hashes. */
export function consistencyProofFromSubtrees(size1: number, size2: number, getSubtreeHash: GetSubtreeHash): Hex[] {
  return assembleProof(consistencyProofPlan(size1, size2), getSubtreeHash);
}

/** Root of a tree of `treeSize` leaves from stored perfect subtrees (its compact range): O(log n) lookups. */
export function rootFromSubtrees(treeSize: number, getSubtreeHash: GetSubtreeHash): Hex {
  if (!isSafeUint(treeSize)) throw new RangeError(`invalid tree size ${String(treeSize)}`);
  if (treeSize === 0) return EMPTY_ROOT;
  return assembleProof([compactRangeNodes(0, treeSize)], getSubtreeHash)[0]!;
}
