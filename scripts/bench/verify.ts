/**
 * Figure 3: full-trial verification rate. Every leaf hash is recomputed from its stored envelope (RFC 8785
 * canonicalization + RFC 9162 leaf hash, as verifyBundle does) and the root over all of them is compared with
 * the log's root; versus plain SHA-256 over the very same canonical leaf bytes on the same machine
 * (@noble/hashes, the implementation lib/integrity uses, and node:crypto for reference).
 *
 * Passes are interleaved and repeated; each figure is the median pass.
 */
import { createHash } from "node:crypto";
import { and, asc, eq, lt } from "drizzle-orm";
import { sha256 } from "@noble/hashes/sha2.js";
import {
  BUNDLE_FORMAT,
  bytesEqual,
  bytesToHex,
  canonicalize,
  leafHash,
  leafHashOfCanonicalBytes,
  parseAuditBundle,
  rootFromLeafHashBytes,
  rootFromLeafHashes,
  verifyBundle,
  type AuditBundle,
  type Hex,
} from "@/lib/integrity";
import type { Database } from "@/lib/db/open";
import { logEnvelope, logLeaf } from "@/lib/db/schema";
import { rootAtSizeFromDb } from "@/lib/server/log/read-proofs";
import { chainTrialId } from "@/lib/chain/trial-id";
import { now, progress } from "./support";

const BENCH_SPONSOR = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";

export interface VerifyResult {
  records: number;
  readMs: number;
  meanLeafBytes: number;
  /** leaves/s: canonicalize + leafHash (hex, as verifyBundle) + compare + rootFromLeafHashes. */
  verifyPerSec: number;
  /** leaves/s: the same with the byte-level functions (leafHashOfCanonicalBytes, rootFromLeafHashBytes). */
  verifyBytesPerSec: number;
  nobleRawPerSec: number;
  nodeRawPerSec: number;
  /** leaves/s of the hashing a verification cannot avoid: SHA-256 of each leaf's bytes, then the tree over them. */
  hashFloorPerSec: number;
  /** Phases of the hex path, microseconds per leaf (median pass). */
  phases: { canonicalizeUs: number; leafHashUs: number; rootUs: number };
  bundle: { parseMs: number; verifyMs: number; verifyPerSec: number; ok: boolean; okCount: number } | null;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchVerify(
  database: Database,
  opts: { logId: string; records: number; passes: number; bundle: boolean; contract: Hex },
): Promise<VerifyResult> {
  const { logId, records: n, passes } = opts;
  let t0 = now();
  const rows = await database
    .select({ idx: logLeaf.idx, leafHash: logLeaf.leafHash, kind: logLeaf.kind, envelope: logEnvelope.envelope })
    .from(logLeaf)
    .innerJoin(logEnvelope, and(eq(logEnvelope.logId, logLeaf.logId), eq(logEnvelope.idx, logLeaf.idx)))
    .where(and(eq(logLeaf.logId, logId), lt(logLeaf.idx, n)))
    .orderBy(asc(logLeaf.idx));
  const readMs = now() - t0;
  if (rows.length !== n || rows.some((r, i) => r.idx !== i))
    throw new Error(`expected leaves 0..${n - 1} of ${logId} with envelopes, read ${rows.length}`);
  const expectedRoot = await rootAtSizeFromDb(database, logId, n);
  const storedHex = rows.map((r) => bytesToHex(r.leafHash));
  const envelopes = rows.map((r) => r.envelope);

  // The baseline input: the exact leaf preimages, 0x00 ‖ UTF-8(JCS(envelope)), prepared once, untimed.
  const encoder = new TextEncoder();
  const preimages = envelopes.map((e) => {
    const utf8 = encoder.encode(canonicalize(e));
    const buf = new Uint8Array(1 + utf8.length);
    buf.set(utf8, 1);
    return buf;
  });
  const meanLeafBytes = preimages.reduce((s, b) => s + b.length, 0) / n;
  // The baseline must hash the same bytes: its digests are the stored leaf hashes.
  for (let i = 0; i < n; i += Math.max(1, Math.floor(n / 97))) {
    if (!bytesEqual(sha256(preimages[i]!), rows[i]!.leafHash)) throw new Error(`baseline bytes of leaf ${i} do not hash to the stored leaf hash`);
  }

  const verifyHex = () => {
    const computed = new Array<Hex>(n);
    for (let i = 0; i < n; i++) {
      const h = leafHash(canonicalize(envelopes[i]!));
      if (h !== storedHex[i]) throw new Error(`leaf ${i} does not verify`);
      computed[i] = h;
    }
    if (rootFromLeafHashes(computed) !== expectedRoot) throw new Error("recomputed root differs from the log's root");
  };
  const verifyBytes = () => {
    const computed = new Array<Uint8Array>(n);
    for (let i = 0; i < n; i++) {
      const h = leafHashOfCanonicalBytes(canonicalize(envelopes[i]!));
      if (!bytesEqual(h, rows[i]!.leafHash)) throw new Error(`leaf ${i} does not verify`);
      computed[i] = h;
    }
    if (bytesToHex(rootFromLeafHashBytes(computed)) !== expectedRoot) throw new Error("recomputed root differs from the log's root");
  };
  let sink = 0;
  const noble = () => {
    for (let i = 0; i < n; i++) sink ^= sha256(preimages[i]!)[0]!;
  };
  const hashFloor = () => {
    const hashes = new Array<Uint8Array>(n);
    for (let i = 0; i < n; i++) hashes[i] = sha256(preimages[i]!);
    sink ^= rootFromLeafHashBytes(hashes)[0]!;
  };
  const nodeCrypto = () => {
    for (let i = 0; i < n; i++) sink ^= createHash("sha256").update(preimages[i]!).digest()[0]!;
  };
  const phases = () => {
    let t = now();
    const canon = envelopes.map((e) => canonicalize(e));
    const c = now() - t;
    t = now();
    const hashes = canon.map((s) => leafHash(s));
    const h = now() - t;
    t = now();
    rootFromLeafHashes(hashes);
    const r = now() - t;
    return { c, h, r };
  };

  const timed = (fn: () => void) => {
    const t = now();
    fn();
    return now() - t;
  };
  // Warm-up on a slice is not enough for a fair JIT start; one untimed full pass of each instead.
  verifyHex();
  verifyBytes();
  noble();
  nodeCrypto();
  hashFloor();
  const times = {
    hex: [] as number[],
    bytes: [] as number[],
    noble: [] as number[],
    node: [] as number[],
    floor: [] as number[],
  };
  const phaseRuns: { c: number; h: number; r: number }[] = [];
  for (let p = 0; p < passes; p++) {
    times.hex.push(timed(verifyHex));
    times.noble.push(timed(noble));
    times.bytes.push(timed(verifyBytes));
    times.node.push(timed(nodeCrypto));
    times.floor.push(timed(hashFloor));
    phaseRuns.push(phases());
    progress(
      `  [3] pass ${p + 1}/${passes}: verify ${((n / times.hex.at(-1)!) * 1000).toFixed(0)} leaves/s, noble SHA-256 ${((n / times.noble.at(-1)!) * 1000).toFixed(0)}/s`,
    );
  }
  if (sink === -1) progress("");
  const perSec = (t: number[]) => (n / median(t)) * 1000;
  const us = (k: "c" | "h" | "r") => (median(phaseRuns.map((x) => x[k])) * 1000) / n;

  let bundle: VerifyResult["bundle"] = null;
  if (opts.bundle) {
    const candidate: AuditBundle = {
      format: BUNDLE_FORMAT,
      chain: { chainId: 31337, contract: opts.contract },
      // Any sponsor serves: the bundle is verified against the root computed here, not read from a chain.
      trial: { publicId: logId, sponsor: BENCH_SPONSOR, chainTrialId: chainTrialId(BENCH_SPONSOR, logId) },
      checkpoint: { treeSize: n, rootHash: expectedRoot },
      leaves: rows.map((r, i) => ({ index: r.idx, leafHash: storedHex[i]!, kind: r.kind, envelope: r.envelope })),
    };
    // As a verifier gets it: a JSON file's value (parsing the JSON text itself is not timed).
    const loaded: unknown = JSON.parse(JSON.stringify(candidate));
    t0 = now();
    const parsed = parseAuditBundle(loaded);
    const parseMs = now() - t0;
    if (!parsed.ok) throw new Error(`the bundle does not parse: ${parsed.issues[0]?.message}`);
    t0 = now();
    const report = verifyBundle(parsed.value, { treeSize: n, rootHash: expectedRoot });
    const verifyMs = now() - t0;
    if (!report.ok || report.counts.ok !== n) throw new Error(`verifyBundle failed: ${report.reasons.slice(0, 3).join("; ")}`);
    bundle = { parseMs, verifyMs, verifyPerSec: (n / verifyMs) * 1000, ok: report.ok, okCount: report.counts.ok };
  }

  return {
    records: n,
    readMs,
    meanLeafBytes,
    verifyPerSec: perSec(times.hex),
    verifyBytesPerSec: perSec(times.bytes),
    nobleRawPerSec: perSec(times.noble),
    nodeRawPerSec: perSec(times.node),
    hashFloorPerSec: perSec(times.floor),
    phases: { canonicalizeUs: us("c"), leafHashUs: us("h"), rootUs: us("r") },
    bundle,
  };
}
