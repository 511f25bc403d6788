/**
 * RFC 9162 §2.1.1 hashing with SHA-256 (docs/log.md#leaf-hash, docs/log.md#tree-hash):
 *
 *   leaf hash  = SHA-256(0x00 ‖ canonical UTF-8 bytes)
 *   node hash  = SHA-256(0x01 ‖ left ‖ right)
 *   empty tree = SHA-256("")
 *
 * The distinct prefixes keep a leaf from ever being mistaken for an interior node (second-preimage protection).
 * @noble/hashes gives a synchronous SHA-256 that behaves identically in browsers, Node and the CLI; WebCrypto's
 * digest is async-only, which would make every tree and proof function async for no benefit.
 *
 * The `*Bytes` functions are the hot path (tree building, proof checking): they take and return Uint8Array and
 * reuse module-level scratch buffers so a node hash costs one SHA-256 call and one 32-byte allocation. Reusing the
 * buffers is safe because hashing is synchronous and nothing yields between filling and hashing them.
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, HexError, tryHexInto, type Hex } from "./hex";

export const HASH_BYTES = 32;
export const LEAF_PREFIX = 0x00;
export const NODE_PREFIX = 0x01;

/** SHA-256 of the empty string: the Merkle Tree Hash of a tree with no leaves (RFC 9162 §2.1.1). */
export function emptyRootBytes(): Uint8Array {
  return sha256(new Uint8Array(0));
}

/** `0xe3b0c442…b855`, the root of the empty tree. */
export const EMPTY_ROOT: Hex = bytesToHex(emptyRootBytes());
/** Alias of EMPTY_ROOT. */
export const emptyRoot: Hex = EMPTY_ROOT;

// 0x01 ‖ left ‖ right. Byte 0 is written once and never overwritten.
const nodeScratch = new Uint8Array(1 + 2 * HASH_BYTES);
nodeScratch[0] = NODE_PREFIX;

/** Interior node hash over two 32-byte child hashes. Throws if a child is not 32 bytes. */
export function nodeHashBytes(left: Uint8Array, right: Uint8Array): Uint8Array {
  if (left.length !== HASH_BYTES || right.length !== HASH_BYTES) {
    throw new RangeError(`node children must be ${HASH_BYTES}-byte hashes, got ${left.length} and ${right.length} bytes`);
  }
  nodeScratch.set(left, 1);
  nodeScratch.set(right, 1 + HASH_BYTES);
  return sha256(nodeScratch);
}

/** Interior node hash over two hex hashes (strict 32-byte lowercase hex, else HexError). */
export function nodeHash(left: Hex, right: Hex): Hex {
  if (!tryHexInto(left, nodeScratch, 1, HASH_BYTES) || !tryHexInto(right, nodeScratch, 1 + HASH_BYTES, HASH_BYTES)) {
    throw new HexError("nodeHash expects two 0x-prefixed lowercase 32-byte hex hashes");
  }
  return bytesToHex(sha256(nodeScratch));
}

// 0x00 ‖ leaf bytes, for leafHashBytes and leafHash(string). Grown on demand; a single SHA-256 call over one
// contiguous buffer is measurably faster than two update() calls. Unusually large inputs get a one-off buffer.
const encoder = new TextEncoder();
let leafScratch = new Uint8Array(1024);
const MAX_RETAINED_SCRATCH = 1 << 20;

function leafBuffer(needed: number): Uint8Array {
  if (leafScratch.length >= needed) return leafScratch;
  const buf = new Uint8Array(needed);
  if (needed <= MAX_RETAINED_SCRATCH) leafScratch = buf;
  return buf;
}

/** Leaf hash over raw leaf bytes: SHA-256(0x00 ‖ data). */
export function leafHashBytes(data: Uint8Array): Uint8Array {
  const buf = leafBuffer(1 + data.length);
  buf[0] = LEAF_PREFIX;
  buf.set(data, 1);
  return sha256(buf.subarray(0, 1 + data.length));
}

function isWellFormed(s: string): boolean {
  const native = (s as { isWellFormed?: () => boolean }).isWellFormed;
  if (typeof native === "function") return native.call(s);
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}

/**
 * Leaf hash bytes of a canonical JSON string (the output of `canonicalize`).
 * Strings with lone surrogates are rejected: TextEncoder would silently replace them with U+FFFD, so the hash
 * would commit to different text than the caller holds.
 */
export function leafHashOfCanonicalBytes(canonical: string): Uint8Array {
  if (typeof canonical !== "string") throw new TypeError("leafHash expects the canonical JSON string");
  if (!isWellFormed(canonical)) throw new RangeError("leafHash input contains a lone UTF-16 surrogate");
  // Worst case UTF-8 expansion is 3 bytes per UTF-16 code unit.
  const buf = leafBuffer(1 + canonical.length * 3);
  buf[0] = LEAF_PREFIX;
  const { written } = encoder.encodeInto(canonical, buf.subarray(1));
  return sha256(buf.subarray(0, 1 + written));
}

/** `leafHash = SHA-256(0x00 ‖ UTF-8(canonical))` as 0x hex (docs/log.md#leaf-hash). */
export function leafHash(canonical: string): Hex {
  return bytesToHex(leafHashOfCanonicalBytes(canonical));
}
