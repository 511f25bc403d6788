/**
 * Inclusion and consistency proofs (RFC 9162 §2.1.3, §2.1.4), generation from an in-memory leaf list and
 * verification with exactly the semantics of transparency-dev/merkle (proof/verify.go), which is what the
 * conformance vectors in testdata/rfc9162 encode.
 *
 * Generation here is a direct transcription of the RFC's recursive PATH and PROOF/SUBPROOF definitions, kept
 * deliberately simple: it is the reference that the O(log n) generator in subtree-proofs.ts is tested against.
 * It costs O(n) hashes per proof; servers use subtree-proofs.ts instead.
 *
 * Generators throw on invalid arguments (a programming error). Verifiers never throw: any malformed or
 * out-of-range input (non-hex, wrong length, uppercase, negative/fractional/unsafe index or size, proof of the
 * wrong length, non-array proof, ...) is simply "not verified" and yields false / null.
 *
 * Edge cases, decided here and matched by the vectors:
 * - Inclusion needs 0 <= index < treeSize; a tree of size 0 contains nothing.
 * - Consistency from size1 == 0 is rejected (false / RangeError). RFC 9162 defines consistency proofs only for
 *   0 < m < n; an empty tree is trivially a prefix of every tree, so a "proof" would prove nothing, and the
 *   contract stores no size-0 checkpoint (a trial's first checkpoint needs no proof).
 * - Consistency with size1 == size2 > 0: the proof is empty and verification is `root1 == root2`, compared as
 *   byte strings. This is transparency-dev's behaviour and one vector requires it even for roots that are not 32
 *   bytes long (it is a statement about two equal byte strings, which is true whatever their length); both roots
 *   must still be well-formed hex.
 * - Consistency with size1 > size2 is false.
 */
import { bitAt, bitLength, isSafeUint, popCount, shiftRight, splitPoint, trailingZeros, xor } from "./bits";
import { HASH_BYTES, nodeHashBytes } from "./hash";
import { bytesEqual, bytesToHex, tryHexToBytes, type Hex } from "./hex";
import { decodeHashList, subtreeRootBytes } from "./tree";

// ---------------------------------------------------------------------------------------------------------------
// Generation (reference, in memory)

/** Audit path PATH(m, D[n]) of RFC 9162 §2.1.3.1 over leaves[lo:hi), appended to `out` in proof order. */
function path(leaves: readonly Uint8Array[], m: number, lo: number, hi: number, out: Uint8Array[]): void {
  const n = hi - lo;
  if (n <= 1) return;
  const k = splitPoint(n);
  if (m < k) {
    path(leaves, m, lo, lo + k, out);
    out.push(subtreeRootBytes(leaves, lo + k, hi));
  } else {
    path(leaves, m - k, lo + k, hi, out);
    out.push(subtreeRootBytes(leaves, lo, lo + k));
  }
}

/** SUBPROOF(m, D[n], b) of RFC 9162 §2.1.4.1 over leaves[lo:hi). */
function subproof(leaves: readonly Uint8Array[], m: number, lo: number, hi: number, b: boolean, out: Uint8Array[]): void {
  const n = hi - lo;
  if (m === n) {
    if (!b) out.push(subtreeRootBytes(leaves, lo, hi));
    return;
  }
  const k = splitPoint(n);
  if (m <= k) {
    subproof(leaves, m, lo, lo + k, b, out);
    out.push(subtreeRootBytes(leaves, lo + k, hi));
  } else {
    subproof(leaves, m - k, lo + k, hi, false, out);
    out.push(subtreeRootBytes(leaves, lo, lo + k));
  }
}

/** Inclusion proof (audit path) for leaves[index] in the tree of all given leaf hashes, as bytes. */
export function inclusionProofBytes(leaves: readonly Uint8Array[], index: number): Uint8Array[] {
  if (!Number.isSafeInteger(index) || index < 0 || index >= leaves.length) {
    throw new RangeError(`leaf index ${String(index)} out of range for tree size ${leaves.length}`);
  }
  const out: Uint8Array[] = [];
  path(leaves, index, 0, leaves.length, out);
  return out;
}

/**
 * Consistency proof between the first `size1` leaves and all given leaves, as bytes.
 * size1 == leaves.length gives the empty proof; size1 == 0 throws (see file comment).
 */
export function consistencyProofBytes(leaves: readonly Uint8Array[], size1: number): Uint8Array[] {
  if (!Number.isSafeInteger(size1) || size1 < 1 || size1 > leaves.length) {
    throw new RangeError(
      size1 === 0
        ? "consistency proof from the empty tree is meaningless (size1 must be >= 1)"
        : `size1 ${String(size1)} out of range for tree size ${leaves.length}`,
    );
  }
  const out: Uint8Array[] = [];
  subproof(leaves, size1, 0, leaves.length, true, out);
  return out;
}

/** Inclusion proof for leafHashes[index] in the tree over all of `leafHashes`. */
export function inclusionProof(leafHashes: readonly Hex[], index: number): Hex[] {
  return inclusionProofBytes(decodeHashList(leafHashes), index).map(bytesToHex);
}

/** Consistency proof from the tree over leafHashes[0:size1) to the tree over all of `leafHashes`. */
export function consistencyProof(leafHashes: readonly Hex[], size1: number): Hex[] {
  return consistencyProofBytes(decodeHashList(leafHashes), size1).map(bytesToHex);
}

// ---------------------------------------------------------------------------------------------------------------
// Verification (RFC 9162 §2.1.3.2, §2.1.4.2 in the formulation of transparency-dev/merkle)

/** Decodes a proof given as an array of 32-byte hex hashes; null if anything is off. Never throws. */
function decodeProof(proof: unknown): Uint8Array[] | null {
  if (!Array.isArray(proof)) return null;
  const out = new Array<Uint8Array>(proof.length);
  for (let i = 0; i < proof.length; i++) {
    const b = tryHexToBytes(proof[i], HASH_BYTES);
    if (b === null) return null;
    out[i] = b;
  }
  return out;
}

/**
 * Splits the inclusion proof for `index` in a tree of `size` into the part below the point where the paths to
 * `index` and `size - 1` diverge ("inner", siblings on either side) and the part above it ("border", only
 * left siblings, as the path runs along the right edge). Their sum is the exact proof length.
 */
function decompInclProof(index: number, size: number): { inner: number; border: number } {
  const inner = bitLength(xor(index, size - 1));
  const border = popCount(shiftRight(index, inner));
  return { inner, border };
}

function chainInner(seed: Uint8Array, proof: readonly Uint8Array[], from: number, to: number, index: number): Uint8Array {
  for (let i = from; i < to; i++) {
    seed = bitAt(index, i - from) === 0 ? nodeHashBytes(seed, proof[i]!) : nodeHashBytes(proof[i]!, seed);
  }
  return seed;
}

/** Like chainInner, but only folds in siblings on the left: yields the hash of the older (smaller) subtree. */
function chainInnerRight(seed: Uint8Array, proof: readonly Uint8Array[], from: number, to: number, index: number): Uint8Array {
  for (let i = from; i < to; i++) {
    if (bitAt(index, i - from) === 1) seed = nodeHashBytes(proof[i]!, seed);
  }
  return seed;
}

function chainBorderRight(seed: Uint8Array, proof: readonly Uint8Array[], from: number): Uint8Array {
  for (let i = from; i < proof.length; i++) seed = nodeHashBytes(proof[i]!, seed);
  return seed;
}

/** Byte-level root from an inclusion proof; null if the inputs cannot form a valid proof. Never throws. */
export function rootFromInclusionProofBytes(leafHash: Uint8Array, index: number, treeSize: number, proof: readonly Uint8Array[]): Uint8Array | null {
  if (!isSafeUint(index) || !isSafeUint(treeSize) || index >= treeSize) return null;
  if (!(leafHash instanceof Uint8Array) || leafHash.length !== HASH_BYTES) return null;
  if (!Array.isArray(proof) || proof.some((p) => !(p instanceof Uint8Array) || p.length !== HASH_BYTES)) return null;
  const { inner, border } = decompInclProof(index, treeSize);
  if (proof.length !== inner + border) return null;
  const res = chainInner(leafHash, proof, 0, inner, index);
  return chainBorderRight(res, proof, inner);
}

/**
 * The root implied by an inclusion proof, or null for malformed input. Useful to show "this proof leads to root X"
 * in a UI before comparing X with the chain.
 */
export function rootFromInclusionProof(leafHash: Hex, index: number, treeSize: number, proof: readonly Hex[]): Hex | null {
  try {
    const leaf = tryHexToBytes(leafHash, HASH_BYTES);
    const p = decodeProof(proof);
    if (leaf === null || p === null) return null;
    const root = rootFromInclusionProofBytes(leaf, index, treeSize, p);
    return root === null ? null : bytesToHex(root);
  } catch {
    return null;
  }
}

/** True iff `proof` proves that `leafHash` is leaf `index` of the tree of size `treeSize` with root `root`. */
export function verifyInclusion(leafHash: Hex, index: number, treeSize: number, proof: readonly Hex[], root: Hex): boolean {
  try {
    const expected = tryHexToBytes(root, HASH_BYTES);
    if (expected === null) return false;
    const leaf = tryHexToBytes(leafHash, HASH_BYTES);
    const p = decodeProof(proof);
    if (leaf === null || p === null) return false;
    const calculated = rootFromInclusionProofBytes(leaf, index, treeSize, p);
    return calculated !== null && bytesEqual(calculated, expected);
  } catch {
    // Defensive: e.g. an array with a throwing getter. A verifier reports "not verified", it does not crash.
    return false;
  }
}

/** Byte-level consistency check; see the file comment for the edge cases. Never throws. */
export function verifyConsistencyBytes(size1: number, size2: number, root1: Uint8Array, root2: Uint8Array, proof: readonly Uint8Array[]): boolean {
  if (!isSafeUint(size1) || !isSafeUint(size2) || size1 > size2 || size1 === 0) return false;
  if (!(root1 instanceof Uint8Array) || !(root2 instanceof Uint8Array) || !Array.isArray(proof)) return false;
  if (size1 === size2) return proof.length === 0 && bytesEqual(root1, root2);
  if (proof.length === 0 || root1.length !== HASH_BYTES || root2.length !== HASH_BYTES) return false;
  if (proof.some((p) => !(p instanceof Uint8Array) || p.length !== HASH_BYTES)) return false;

  // The proof is, in effect, the suffix of the inclusion proof of leaf size1 - 1 in the tree of size2, starting
  // at level `shift`: the largest perfect subtree ending at size1 is the common "seed" of both trees.
  const decomposed = decompInclProof(size1 - 1, size2);
  const border = decomposed.border;
  const shift = trailingZeros(size1);
  let inner = decomposed.inner;
  inner -= shift; // shift < inner whenever size1 < size2

  // If size1 is itself a power of two, the seed is root1 and is not repeated in the proof.
  const seedIsRoot1 = size1 === 2 ** shift;
  const seed = seedIsRoot1 ? root1 : proof[0]!;
  const start = seedIsRoot1 ? 0 : 1;
  if (proof.length !== start + inner + border) return false;

  const mask = shiftRight(size1 - 1, shift);
  let hash1 = chainInnerRight(seed, proof, start, start + inner, mask);
  hash1 = chainBorderRight(hash1, proof, start + inner);
  if (!bytesEqual(hash1, root1)) return false;

  let hash2 = chainInner(seed, proof, start, start + inner, mask);
  hash2 = chainBorderRight(hash2, proof, start + inner);
  return bytesEqual(hash2, root2);
}

/**
 * True iff `proof` proves that the tree of size `size1` with root `root1` is a prefix of the tree of size `size2`
 * with root `root2` (the log only grew between the two checkpoints).
 */
export function verifyConsistency(size1: number, size2: number, root1: Hex, root2: Hex, proof: readonly Hex[]): boolean {
  try {
    // Roots are decoded without a length requirement; verifyConsistencyBytes demands 32 bytes except in the
    // size1 == size2 case (see file comment).
    const r1 = tryHexToBytes(root1);
    const r2 = tryHexToBytes(root2);
    const p = decodeProof(proof);
    if (r1 === null || r2 === null || p === null) return false;
    return verifyConsistencyBytes(size1, size2, r1, r2, p);
  } catch {
    return false;
  }
}
