/**
 * Merkle Tree Hash (RFC 9162 §2.1.1) over a list of leaf hashes.
 *
 *   MTH({})      = SHA-256("")
 *   MTH({d0})    = leaf hash of d0               (here: the caller already supplies leaf hashes)
 *   MTH(D[n])    = SHA-256(0x01 ‖ MTH(D[0:k]) ‖ MTH(D[k:n])),  k = largest power of two < n
 *
 * Computed iteratively in O(n) hashes and O(log n) memory with a stack of perfect subtrees (the "compact range"):
 * appending leaf i merges the stack top once per trailing 1-bit of i, and at the end the remaining subtrees, whose
 * sizes are the binary digits of n in decreasing order, are folded right to left. That fold is exactly the
 * recursive definition above, since D[k:n] decomposes the same way.
 */
import { bitLength } from "./bits";
import { EMPTY_ROOT, emptyRootBytes, HASH_BYTES, nodeHashBytes } from "./hash";
import { bytesToHex, HexError, tryHexToBytes, type Hex } from "./hex";

/** Decodes a list of hex leaf hashes, throwing HexError naming the first bad position. */
export function decodeHashList(hashes: readonly Hex[], what = "leaf hash"): Uint8Array[] {
  if (!Array.isArray(hashes)) throw new TypeError(`expected an array of ${what}es`);
  const out = new Array<Uint8Array>(hashes.length);
  for (let i = 0; i < hashes.length; i++) {
    const bytes = tryHexToBytes(hashes[i], HASH_BYTES);
    if (bytes === null) throw new HexError(`${what} at position ${i} is not 0x-prefixed lowercase 32-byte hex`);
    out[i] = bytes;
  }
  return out;
}

/** MTH of leaves[start:end) (each a 32-byte leaf hash). O(end - start) hashes. */
export function subtreeRootBytes(leaves: readonly Uint8Array[], start: number, end: number): Uint8Array {
  if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end && end <= leaves.length)) {
    throw new RangeError(`invalid leaf range [${start}, ${end}) for ${leaves.length} leaves`);
  }
  if (start === end) return emptyRootBytes();
  const stack: Uint8Array[] = [];
  for (let i = start; i < end; i++) {
    let h = leaves[i]!;
    if (h.length !== HASH_BYTES) throw new RangeError(`leaf hash at position ${i} is ${h.length} bytes, expected ${HASH_BYTES}`);
    // One merge per trailing 1-bit of the number of leaves already absorbed. Array lengths are < 2^32.
    for (let c = i - start; (c & 1) === 1; c >>>= 1) h = nodeHashBytes(stack.pop()!, h);
    stack.push(h);
  }
  let acc = stack[stack.length - 1]!;
  for (let j = stack.length - 2; j >= 0; j--) acc = nodeHashBytes(stack[j]!, acc);
  return acc;
}

/** Root over 32-byte leaf hashes; the byte-level twin of rootFromLeafHashes. */
export function rootFromLeafHashBytes(leaves: readonly Uint8Array[]): Uint8Array {
  return subtreeRootBytes(leaves, 0, leaves.length);
}

/** The RFC 9162 Merkle Tree Hash of a list of 0x leaf hashes. Throws HexError on a malformed hash. */
export function rootFromLeafHashes(leafHashes: readonly Hex[]): Hex {
  if (Array.isArray(leafHashes) && leafHashes.length === 0) return EMPTY_ROOT;
  return bytesToHex(rootFromLeafHashBytes(decodeHashList(leafHashes)));
}

/** Number of levels above the leaves in a tree of `size` leaves (the longest inclusion proof). For UIs. */
export function treeHeight(size: number): number {
  return size <= 1 ? 0 : bitLength(size - 1);
}
