/**
 * An append-only Merkle accumulator: the list of perfect subtrees covering [0, size) (the "compact range" of
 * transparency-dev/merkle), enough to produce the root after every append with O(log n) memory.
 *
 * Two users:
 * - the bundle verifier, which checks many prefix roots (one per chain checkpoint) in a single O(n) pass and
 *   clones the state at a verified prefix to test tamper hypotheses cheaply;
 * - the log writer on the server, which stores the perfect subtrees completed by each append (returned by
 *   `append`) so that proofs can later be assembled from O(log n) stored hashes (see subtree-proofs.ts).
 */
import { bitAt, isSafeUint, popCount } from "./bits";
import { emptyRootBytes, HASH_BYTES, nodeHashBytes } from "./hash";

/** A perfect subtree [start, end), end - start = 2^level, start a multiple of 2^level, with its hash. */
export interface PerfectSubtree {
  readonly start: number;
  readonly end: number;
  readonly level: number;
  readonly hash: Uint8Array;
}

export class CompactRange {
  // Hashes of the perfect subtrees, largest (leftmost) first; their sizes are the set bits of `size`.
  private readonly nodes: Uint8Array[];
  private count: number;

  private constructor(nodes: Uint8Array[], size: number) {
    this.nodes = nodes;
    this.count = size;
  }

  static empty(): CompactRange {
    return new CompactRange([], 0);
  }

  /**
   * Resumes from stored state: the hashes of the perfect subtrees of `size`'s binary decomposition, left to right
   * (as listed by compactRangeNodes(0, size) in subtree-proofs.ts).
   */
  static fromSubtrees(size: number, hashes: readonly Uint8Array[]): CompactRange {
    if (!isSafeUint(size)) throw new RangeError(`invalid tree size ${String(size)}`);
    const expected = popCount(size);
    if (hashes.length !== expected) throw new RangeError(`size ${size} needs ${expected} subtree hashes, got ${hashes.length}`);
    for (const h of hashes) if (h.length !== HASH_BYTES) throw new RangeError("subtree hashes must be 32 bytes");
    return new CompactRange(
      hashes.map((h) => h.slice()),
      size,
    );
  }

  get size(): number {
    return this.count;
  }

  clone(): CompactRange {
    // Hash arrays are never mutated in place, so sharing them is safe.
    return new CompactRange(this.nodes.slice(), this.count);
  }

  /**
   * Appends one leaf hash. Returns the perfect subtrees completed by this append, smallest first: the leaf itself
   * (level 0) and one more per merge. A writer that persists these has every perfect subtree of the log.
   */
  append(leafHash: Uint8Array): PerfectSubtree[] {
    if (leafHash.length !== HASH_BYTES) throw new RangeError(`leaf hash must be ${HASH_BYTES} bytes`);
    if (this.count >= Number.MAX_SAFE_INTEGER) throw new RangeError("log is full");
    const index = this.count;
    // Our own copy: the stack must not change if the caller later reuses its buffer. Returned hashes are copies
    // for the same reason in the other direction.
    let h: Uint8Array = leafHash.slice();
    let level = 0;
    const completed: PerfectSubtree[] = [{ start: index, end: index + 1, level: 0, hash: h.slice() }];
    while (bitAt(index, level) === 1) {
      h = nodeHashBytes(this.nodes.pop()!, h);
      level++;
      const span = 2 ** level;
      completed.push({ start: index + 1 - span, end: index + 1, level, hash: h.slice() });
    }
    this.nodes.push(h);
    this.count = index + 1;
    return completed;
  }

  /** The Merkle Tree Hash of the leaves appended so far. */
  root(): Uint8Array {
    if (this.nodes.length === 0) return emptyRootBytes();
    let acc = this.nodes[this.nodes.length - 1]!;
    for (let j = this.nodes.length - 2; j >= 0; j--) acc = nodeHashBytes(this.nodes[j]!, acc);
    return acc;
  }

  /** Copies of the stored perfect-subtree hashes, largest first (the input of fromSubtrees). */
  subtrees(): Uint8Array[] {
    return this.nodes.map((h) => h.slice());
  }
}
