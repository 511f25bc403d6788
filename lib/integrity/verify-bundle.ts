/**
 * Audit bundle verification (docs/verdicts.md#verdicts): pure, no I/O. The caller reads the checkpoint from
 * TrialLedger (and, optionally, earlier checkpoints from its Checkpointed events) and passes them in; nothing in
 * the bundle is trusted except what those chain values confirm.
 *
 * What is proven, and how
 * -----------------------
 * The chain holds, for the log's size N, root R = MTH(leaf hashes [0, N)). The bundle lists leaves with an index,
 * a leaf hash and an envelope. Two independent checks:
 *
 *  1. Local: each envelope is canonicalized (RFC 8785) and hashed; the result must equal the leaf hash listed
 *     next to it. This catches an envelope edited after the fact while the stored leaf hash was left alone.
 *  2. Anchored: the listed leaf hashes, placed at their indices, must produce the chain's root. This catches a
 *     changed, dropped, added or reordered leaf hash, i.e. edits that also rewrote the stored hash.
 *
 * A record is *proven* when both hold for it: its envelope hashes to its leaf, and its leaf lies in a prefix
 * [0, s) whose root equals a root the chain recorded for size s. (A prefix root matching implies every leaf in
 * the prefix is genuine, barring a SHA-256 collision.)
 *
 * Narrowing a root mismatch
 * -------------------------
 * With only the latest checkpoint, a mismatch says "something in [0, N) changed". Every earlier checkpoint the
 * caller supplies (history) is a further root over a prefix; since the log is append-only (the contract checks
 * consistency proofs), prefix roots are checked in increasing size and the first failing one, at size b, after
 * the last matching one, at size a, bounds the first change to leaves [a, b). Everything before a is proven.
 * Within [a, b), if it is small (<= maxSearch leaves), the verifier tests the simple explanations against the
 * chain root at b, in this order, and accepts one only if it reproduces that root exactly:
 *   - a duplicate index where a different one of the duplicates is the anchored leaf;
 *   - two leaves swapped (listed at each other's index);
 *   - one extra leaf inserted, with the leaves after it renumbered up by one.
 * An accepted explanation is applied and verification continues with the next checkpoint. If none fits, leaves
 * from a onwards cannot be proven: if b - a == 1 the single leaf at a is reported modified (its listed hash is
 * not the anchored one), otherwise the range is reported and its leaves are "unverified". A leaf missing from
 * the bundle likewise stops proof at the last checkpoint before it, since no later root can be recomputed.
 *
 * Verdicts (per listed entry, plus one synthetic entry per missing index)
 * ---------------------------------------------------------------------
 *   ok          proven.
 *   redacted    the envelope is null (lawful erasure, docs/privacy.md#erasure); the leaf hash still counts
 *               towards the root.
 *               Not a failure. `proven` tells whether the leaf hash itself is anchored.
 *   modified    the envelope does not hash to its leaf (or cannot be canonicalized), or the leaf was singled out
 *               as the changed one by a root mismatch over a one-leaf range.
 *   reordered   the envelope hashes to the leaf listed at another index, or the leaf was found swapped with
 *               another by the root search.
 *   inserted    the entry is not part of the anchored log: a duplicate index whose twin is the anchored one, or
 *               the extra leaf of an "inserted and renumbered" explanation (the renumbered leaves after it are
 *               judged at the index they belong to, with a note giving both indices).
 *   missing     no entry for an index below the log size (or for a gap below the highest listed index).
 *   unanchored  appended after the checkpoint (index >= treeSize): not a failure unless requireAnchored, since
 *               the portal anchors in batches (docs/anchoring.md#awaiting-anchor). An entry listed so far beyond
 *               the end that it cannot belong to a contiguous tail is also unanchored, and is a failure.
 *   unverified  the entry is internally consistent but lies at or after an unexplained change, so no chain root
 *               covers it. docs/verdicts.md#unverified explains why it exists: without it, such records would
 *               have to be called either ok or modified, and neither would be true.
 * Precedence when several apply: inserted > modified (one-leaf range) > redacted > modified/reordered (local)
 * > reordered (swap found) > unanchored > unverified > ok.
 *
 * Overall: `ok` is true iff `reasons` is empty. Reasons: any modified / missing / inserted / reordered /
 * unverified record, a root mismatch, a bundle whose own checkpoint contradicts the chain, a listed `kind` that
 * contradicts the envelope, and (with requireAnchored) unanchored records. Warnings never fail a bundle:
 * unanchored records, envelopes that do not match the current schema (an anchored record is authentic whatever
 * this version of the schema says), out-of-order listing, envelopes naming another trial.
 *
 * Which checkpoint: pass the chain's checkpoint for the bundle's size (TrialLedger.latestCheckpoint, or the
 * Checkpointed event of that size once the chain has moved on). Against a later checkpoint, the leaves the bundle
 * does not contain are reported missing.
 *
 * Cost: O(n) hashes for the walk (one compact-range pass, roots at each checkpoint in O(log n)), plus at most
 * O(maxSearch^3) hashes per explained change.
 */
import { CompactRange } from "./compact-range";
import { chainTrialId } from "./trial-id";
import { isSafeUint } from "./bits";
import type { AuditBundle, BundleLeaf } from "./bundle";
import { canonicalize } from "./canonical";
import { parseEnvelope } from "./envelope";
import { EMPTY_ROOT, leafHash } from "./hash";
import { bytesEqual, bytesToHex, isHashHex, tryHexToBytes, type Hex } from "./hex";

export const VERDICTS = ["ok", "modified", "missing", "inserted", "reordered", "unanchored", "redacted", "unverified"] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Verdicts that make a bundle fail. `unanchored` only fails with requireAnchored. */
export const FAILING_VERDICTS: ReadonlySet<Verdict> = new Set(["modified", "missing", "inserted", "reordered", "unverified"]);

/** A checkpoint as read from the chain: TrialLedger.latestCheckpoint or a Checkpointed event. */
export interface ChainCheckpoint {
  readonly treeSize: number;
  readonly rootHash: Hex;
}

export interface RecordReport {
  /** Log index: where the entry is anchored, or as listed when not anchored; the missing index for `missing`. */
  readonly index: number;
  /** The index the bundle lists for this entry (null for `missing`). Differs from `index` when renumbered. */
  readonly listedIndex: number | null;
  /** Position in bundle.leaves (null for `missing`). */
  readonly position: number | null;
  readonly kind: string | null;
  readonly leafHash: Hex | null;
  /** Hash recomputed from the envelope; null when redacted, missing, or not canonicalizable. */
  readonly computedHash: Hex | null;
  readonly verdict: Verdict;
  /** True when the leaf hash at `index` is covered by a matching chain root. */
  readonly proven: boolean;
  readonly notes: readonly string[];
}

export interface BundleReport {
  readonly ok: boolean;
  readonly reasons: readonly string[];
  readonly warnings: readonly string[];
  /** The chain checkpoint verified against. */
  readonly checkpoint: ChainCheckpoint;
  /** Root over the bundle's leaf hashes [0, treeSize) as listed; null if some are missing. */
  readonly computedRoot: Hex | null;
  readonly rootMatches: boolean;
  /** Leaves [0, provenPrefix) are covered by a matching chain root. */
  readonly provenPrefix: number;
  /** The anchored range that contains the first change the verifier could not explain, if any. */
  readonly changedRange: { readonly start: number; readonly end: number } | null;
  readonly records: readonly RecordReport[];
  readonly counts: Readonly<Record<Verdict, number>>;
}

export interface VerifyBundleOptions {
  /** Earlier checkpoints of this trial from the chain (Checkpointed events); used to narrow a root mismatch. */
  readonly history?: readonly ChainCheckpoint[];
  /** Largest range (in leaves) in which simple explanations of a root mismatch are searched. Default 64. */
  readonly maxSearch?: number;
  /** Treat records appended after the checkpoint as a failure (default false: they are awaiting anchor). */
  readonly requireAnchored?: boolean;
}

interface Entry {
  readonly position: number;
  readonly leaf: BundleLeaf;
  readonly listed: Uint8Array;
  readonly computed: Hex | null;
  readonly canonError: string | null;
}

type Explanation = { type: "substitute"; at: number; alt: number } | { type: "swap"; i: number; j: number } | { type: "remove"; at: number };

const MAX_EXPLANATIONS = 16;
const MAX_MISSING = 1_000_000;
const MAX_LISTED_FAILURES = 50;

/**
 * Verifies a parsed bundle (see parseAuditBundle) against a checkpoint read from the chain. Never throws: an
 * unexpected internal error yields a failing report, never a passing one.
 */
export function verifyBundle(bundle: AuditBundle, chain: ChainCheckpoint, options: VerifyBundleOptions = {}): BundleReport {
  try {
    return verify(bundle, chain, options);
  } catch (e) {
    return emptyReport(chain, [`verification aborted: ${e instanceof Error ? e.message : String(e)}`]);
  }
}

function verify(bundle: AuditBundle, chain: ChainCheckpoint, options: VerifyBundleOptions): BundleReport {
  const reasons: string[] = [];
  const warnings: string[] = [];
  const maxSearch = isSafeUint(options.maxSearch) ? options.maxSearch : 64;

  if (!isSafeUint(chain.treeSize) || !isHashHex(chain.rootHash)) {
    return emptyReport(chain, ["the chain checkpoint is malformed (treeSize must be a safe integer, rootHash 32-byte lowercase hex)"]);
  }
  const N = chain.treeSize;
  // The checkpoint was read under bundle.trial.chainTrialId: it speaks for this trial only if that id is the one its
  // sponsor registered (docs/ledger.md#trial-ids).
  const registered = chainTrialId(bundle.trial.sponsor, bundle.trial.publicId);
  if (registered !== bundle.trial.chainTrialId) {
    reasons.push(
      `the bundle's trial id ${bundle.trial.chainTrialId} is not ${bundle.trial.publicId} as registered by ${bundle.trial.sponsor} (${registered}): the checkpoint read under it proves nothing about this trial`,
    );
  }

  // --- 1. Local check: recompute each envelope's leaf hash. -------------------------------------------------
  const entries: Entry[] = bundle.leaves.map((leaf, position) => {
    const listed = tryHexToBytes(leaf.leafHash, 32) ?? new Uint8Array(32); // schema guarantees the format
    if (leaf.envelope === null) return { position, leaf, listed, computed: null, canonError: null };
    try {
      return { position, leaf, listed, computed: leafHash(canonicalize(leaf.envelope)), canonError: null };
    } catch (e) {
      return { position, leaf, listed, computed: null, canonError: e instanceof Error ? e.message : String(e) };
    }
  });
  const positionsByListedHash = new Map<string, number[]>();
  for (const e of entries) {
    const list = positionsByListedHash.get(e.leaf.leafHash);
    if (list) list.push(e.position);
    else positionsByListedHash.set(e.leaf.leafHash, [e.position]);
  }

  // A bundle cannot be missing more leaves than this and still be worth enumerating index by index; it also
  // bounds the memory an absurd index or tree size can make the verifier allocate.
  if (N - entries.length > MAX_MISSING) {
    return emptyReport(chain, [
      `the chain checkpoint has ${N} leaves but the bundle lists only ${entries.length}: it is not this log's complete bundle`,
    ]);
  }

  // --- 2. Place entries at their listed indices; later duplicates are extras (tentatively inserted). -------
  // Entries listed so far past the end that they cannot be part of a contiguous tail are kept out of the slots.
  const horizon = N + entries.length;
  let upper = N;
  for (const e of entries) if (e.leaf.index < horizon) upper = Math.max(upper, e.leaf.index + 1);
  const slots: (number | null)[] = new Array<number | null>(upper).fill(null);
  const extras = new Set<number>();
  const alternates = new Map<number, number[]>();
  const notesByPosition = new Map<number, string[]>();
  const note = (position: number, text: string) => {
    const list = notesByPosition.get(position);
    if (list) list.push(text);
    else notesByPosition.set(position, [text]);
  };
  let outOfOrder = false;
  const beyond: number[] = [];
  for (const e of entries) {
    const i = e.leaf.index;
    if (e.position > 0 && entries[e.position - 1]!.leaf.index >= i) outOfOrder = true;
    if (i >= horizon) {
      beyond.push(e.position);
    } else if (slots[i] === null) {
      slots[i] = e.position;
    } else {
      extras.add(e.position);
      const alts = alternates.get(i);
      if (alts) alts.push(e.position);
      else alternates.set(i, [e.position]);
    }
  }
  if (outOfOrder) warnings.push("leaves are not listed in strictly increasing index order");

  // --- 3. Chain checkpoints to check, ascending. -----------------------------------------------------------
  const checkpoints = collectCheckpoints(chain, options.history ?? [], reasons, warnings);
  checkBundleCheckpoint(bundle, chain, checkpoints, reasons, warnings);

  // --- 4. Walk the prefix roots, explaining mismatches where possible. -------------------------------------
  const hashAt = (t: number): Uint8Array | null => {
    const p = t < slots.length ? slots[t] : null;
    return p === null || p === undefined ? null : entries[p]!.listed;
  };
  let provenPrefix = 0;
  let snapshot = CompactRange.empty();
  let acc = CompactRange.empty();
  let changedRange: { start: number; end: number } | null = null;
  let gapAt: number | null = null;
  let singledOut: number | null = null;
  let explanations = 0;
  let computedRoot: Hex | null = null;
  const transposed = new Set<number>();
  const renumberedFrom: { at: number; position: number }[] = [];

  if (N === 0) {
    if (chain.rootHash !== EMPTY_ROOT) reasons.push("the chain checkpoint has size 0 but is not the empty-tree root");
    computedRoot = EMPTY_ROOT;
  }
  let ci = 0;
  walk: while (ci < checkpoints.length) {
    const cp = checkpoints[ci]!;
    while (acc.size < cp.treeSize) {
      const h = hashAt(acc.size);
      if (h === null) {
        gapAt = acc.size;
        break walk;
      }
      acc.append(h);
    }
    const root = acc.root();
    if (cp.treeSize === N && explanations === 0 && N > 0) computedRoot = bytesToHex(root);
    if (bytesEqual(root, cp.root)) {
      provenPrefix = cp.treeSize;
      snapshot = acc.clone();
      ci++;
      continue;
    }
    const a = provenPrefix;
    const b = cp.treeSize;
    const fix =
      explanations < MAX_EXPLANATIONS && b - a <= maxSearch
        ? explain(a, b, snapshot, cp.root, hashAt, (p) => entries[p]!.listed, alternates, extras)
        : null;
    if (fix === null) {
      changedRange = { start: a, end: b };
      if (b - a === 1) singledOut = a;
      break;
    }
    explanations++;
    if (fix.type === "substitute") {
      const previous = slots[fix.at]!;
      slots[fix.at] = fix.alt;
      extras.delete(fix.alt);
      extras.add(previous);
      const alts = alternates.get(fix.at)!;
      alts[alts.indexOf(fix.alt)] = previous;
    } else if (fix.type === "swap") {
      const pi = slots[fix.i]!;
      const pj = slots[fix.j]!;
      slots[fix.i] = pj;
      slots[fix.j] = pi;
      transposed.add(pi);
      transposed.add(pj);
    } else {
      const removed = slots[fix.at]!;
      slots.splice(fix.at, 1);
      extras.add(removed);
      renumberedFrom.push({ at: fix.at, position: removed });
    }
    acc = snapshot.clone();
  }
  // The walk yields the root over the bundle as listed only when it reached size N without corrections.
  if (computedRoot === null && N > 0) computedRoot = originalRoot(entries, N);
  const rootMatches = computedRoot !== null && computedRoot === chain.rootHash;

  // --- 5. Verdicts. -----------------------------------------------------------------------------------------
  for (const r of renumberedFrom) {
    note(r.position, "not part of the anchored log: the leaves listed after it were renumbered to make room for it");
  }
  const records: RecordReport[] = [];
  const lastPlaced = lastNonNull(slots);
  const span = Math.max(N, lastPlaced + 1);
  for (let t = 0; t < span; t++) {
    const p = t < slots.length ? slots[t] : null;
    if (p === null || p === undefined) {
      records.push({
        index: t,
        listedIndex: null,
        position: null,
        kind: null,
        leafHash: null,
        computedHash: null,
        verdict: "missing",
        proven: false,
        notes: [t < N ? "no leaf listed for this anchored index" : "gap in the listed indices"],
      });
      continue;
    }
    const e = entries[p]!;
    const notes = notesByPosition.get(p) ?? [];
    const proven = t < provenPrefix;
    if (e.leaf.index !== t) notes.push(`listed at index ${e.leaf.index}, belongs at index ${t}`);
    const verdict = placedVerdict(e, t, N, proven, singledOut, transposed, positionsByListedHash, entries, notes);
    records.push(recordOf(e, t, verdict, proven, notes));
  }
  for (const p of extras) {
    const e = entries[p]!;
    const notes = notesByPosition.get(p) ?? [];
    if (alternates.get(e.leaf.index)?.includes(p)) notes.push(`duplicate of index ${e.leaf.index}; the other entry is the anchored one`);
    records.push(recordOf(e, e.leaf.index, "inserted", false, notes));
  }
  for (const p of beyond) {
    const e = entries[p]!;
    reasons.push(`#${e.leaf.index}: listed far beyond the end of the log (size ${N}); the indices before it are missing`);
    records.push(recordOf(e, e.leaf.index, "unanchored", false, ["listed far beyond the end of the log"]));
  }
  records.sort((x, y) => x.index - y.index || (x.position ?? -1) - (y.position ?? -1));

  // --- 6. Metadata checks that do not affect hashes. -------------------------------------------------------
  let schemaWarnings = 0;
  for (const e of entries) {
    const env = e.leaf.envelope;
    if (env === null) continue;
    if (typeof env.kind === "string" && env.kind !== e.leaf.kind) {
      reasons.push(`#${e.leaf.index}: the bundle lists kind "${e.leaf.kind}" but the envelope is "${env.kind}"`);
    }
    if (typeof env.trial === "string" && env.trial !== bundle.trial.publicId) {
      warnings.push(`#${e.leaf.index}: envelope names trial ${env.trial}, the bundle is for ${bundle.trial.publicId}`);
    }
    const parsed = parseEnvelope(env);
    if (!parsed.ok && ++schemaWarnings <= MAX_LISTED_FAILURES) {
      const first = parsed.issues[0]!;
      warnings.push(`#${e.leaf.index}: envelope does not match the record schema (${first.path || "(root)"}: ${first.message})`);
    }
  }
  if (schemaWarnings > MAX_LISTED_FAILURES) {
    warnings.push(`... and ${schemaWarnings - MAX_LISTED_FAILURES} more envelope(s) that do not match the record schema`);
  }

  // --- 7. Summary. -----------------------------------------------------------------------------------------
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const r of records) counts[r.verdict]++;

  if (computedRoot !== null && !rootMatches && N > 0) {
    reasons.push(`the bundle's leaf hashes [0, ${N}) give root ${computedRoot}, the chain has ${chain.rootHash}`);
  }
  if (gapAt !== null) {
    reasons.push(
      `leaf ${gapAt} is missing from the bundle, so no chain root covering it can be recomputed` +
        (provenPrefix > 0 ? ` (leaves [0, ${provenPrefix}) are proven)` : ""),
    );
  }
  if (changedRange !== null) {
    reasons.push(
      changedRange.end - changedRange.start === 1
        ? `the anchored leaf ${changedRange.start} differs from the bundle's (chain checkpoints ${changedRange.start} and ${changedRange.end} bound it)`
        : `the first change lies in leaves [${changedRange.start}, ${changedRange.end}) (between the chain checkpoints of those sizes); supply more checkpoints to narrow it`,
    );
  }
  listFailures(records, reasons);
  if (counts.unanchored > 0) {
    const text = `${counts.unanchored} record(s) appended after the checkpoint of size ${N} are not anchored yet`;
    if (options.requireAnchored) reasons.push(text);
    else warnings.push(text);
  }

  return {
    ok: reasons.length === 0,
    reasons,
    warnings,
    checkpoint: { treeSize: N, rootHash: chain.rootHash },
    computedRoot,
    rootMatches: N === 0 ? chain.rootHash === EMPTY_ROOT : rootMatches,
    provenPrefix,
    changedRange,
    records,
    counts,
  };
}

function placedVerdict(
  e: Entry,
  t: number,
  N: number,
  proven: boolean,
  singledOut: number | null,
  transposed: ReadonlySet<number>,
  positionsByListedHash: ReadonlyMap<string, number[]>,
  entries: readonly Entry[],
  notes: string[],
): Verdict {
  if (t === singledOut) {
    notes.push("the listed leaf hash is not the anchored one (both the record and its stored hash were changed)");
    return "modified";
  }
  if (e.leaf.envelope === null) {
    if (t >= N) notes.push("appended after the checkpoint");
    else if (!proven) notes.push("leaf hash not covered by a matching chain root");
    return "redacted";
  }
  if (e.computed === null) {
    notes.push(`envelope cannot be canonicalized: ${e.canonError ?? "unknown error"}`);
    return "modified";
  }
  if (e.computed !== e.leaf.leafHash) {
    const owner = positionsByListedHash.get(e.computed)?.find((q) => q !== e.position);
    if (owner !== undefined) {
      notes.push(`the envelope is the record of the leaf listed at index ${entries[owner]!.leaf.index}`);
      return "reordered";
    }
    notes.push(`the envelope hashes to ${e.computed}, not to the listed leaf hash`);
    return "modified";
  }
  if (transposed.has(e.position)) return "reordered";
  if (t >= N) return "unanchored";
  if (!proven) {
    notes.push("no matching chain root covers this leaf (it lies at or after an unexplained change)");
    return "unverified";
  }
  return "ok";
}

function recordOf(e: Entry, index: number, verdict: Verdict, proven: boolean, notes: readonly string[]): RecordReport {
  return {
    index,
    listedIndex: e.leaf.index,
    position: e.position,
    kind: e.leaf.kind,
    leafHash: e.leaf.leafHash,
    computedHash: e.computed,
    verdict,
    proven,
    notes,
  };
}

/** Tests the simple explanations for a root mismatch over [a, b); returns the first that reproduces `target`. */
function explain(
  a: number,
  b: number,
  snapshot: CompactRange,
  target: Uint8Array,
  hashAt: (t: number) => Uint8Array | null,
  listedHash: (position: number) => Uint8Array,
  alternates: ReadonlyMap<number, number[]>,
  extras: ReadonlySet<number>,
): Explanation | null {
  const base: Uint8Array[] = [];
  for (let t = a; t < b; t++) {
    const h = hashAt(t);
    if (h === null) return null;
    base.push(h);
  }
  const matches = (seq: readonly Uint8Array[], from = snapshot, offset = 0): boolean => {
    const r = from.clone();
    for (let k = offset; k < seq.length; k++) r.append(seq[k]!);
    return bytesEqual(r.root(), target);
  };

  // A duplicate index whose other entry is the anchored one.
  for (let t = a; t < b; t++) {
    for (const alt of alternates.get(t) ?? []) {
      if (!extras.has(alt)) continue;
      const seq = base.slice();
      seq[t - a] = listedHash(alt);
      if (matches(seq)) return { type: "substitute", at: t, alt };
    }
  }

  // Two leaves swapped. The prefix before i is shared by every j, so it is appended once per i.
  const prefix = snapshot.clone();
  for (let i = 0; i < base.length; i++) {
    for (let j = i + 1; j < base.length; j++) {
      if (bytesEqual(base[i]!, base[j]!)) continue;
      const seq = base.slice();
      seq[i] = base[j]!;
      seq[j] = base[i]!;
      if (matches(seq, prefix, i)) return { type: "swap", i: a + i, j: a + j };
    }
    prefix.append(base[i]!);
  }

  // One leaf inserted, everything after it renumbered up by one: drop it and shift the rest down.
  const next = hashAt(b);
  if (next !== null) {
    const shifted = [...base, next];
    const pre = snapshot.clone();
    for (let q = 0; q < base.length; q++) {
      const seq = shifted.slice(0, q).concat(shifted.slice(q + 1));
      if (matches(seq, pre, q)) return { type: "remove", at: a + q };
      pre.append(base[q]!);
    }
  }
  return null;
}

function collectCheckpoints(
  chain: ChainCheckpoint,
  history: readonly ChainCheckpoint[],
  reasons: string[],
  warnings: string[],
): { treeSize: number; root: Uint8Array }[] {
  const bySize = new Map<number, Hex>();
  if (chain.treeSize > 0) bySize.set(chain.treeSize, chain.rootHash);
  for (const cp of history) {
    if (!isSafeUint(cp.treeSize) || !isHashHex(cp.rootHash)) {
      warnings.push("ignored a malformed history checkpoint");
      continue;
    }
    if (cp.treeSize === 0 || cp.treeSize > chain.treeSize) {
      if (cp.treeSize > chain.treeSize) warnings.push(`ignored history checkpoint of size ${cp.treeSize}, beyond the verified checkpoint`);
      continue;
    }
    const known = bySize.get(cp.treeSize);
    if (known !== undefined && known !== cp.rootHash) {
      reasons.push(`the chain history has two different roots for size ${cp.treeSize}`);
      continue;
    }
    bySize.set(cp.treeSize, cp.rootHash);
  }
  return [...bySize.entries()].sort((x, y) => x[0] - y[0]).map(([treeSize, root]) => ({ treeSize, root: tryHexToBytes(root, 32)! }));
}

/** The bundle states which checkpoint it was exported against; it must agree with the chain. */
function checkBundleCheckpoint(
  bundle: AuditBundle,
  chain: ChainCheckpoint,
  checkpoints: readonly { treeSize: number; root: Uint8Array }[],
  reasons: string[],
  warnings: string[],
): void {
  const stated = bundle.checkpoint;
  if (stated.treeSize === chain.treeSize) {
    if (stated.rootHash !== chain.rootHash)
      reasons.push(`the bundle states root ${stated.rootHash} for size ${stated.treeSize}, the chain has ${chain.rootHash}`);
    return;
  }
  if (stated.treeSize > chain.treeSize) {
    reasons.push(`the bundle states a checkpoint of size ${stated.treeSize}, but the chain checkpoint is only at size ${chain.treeSize}`);
    return;
  }
  const onChain = checkpoints.find((c) => c.treeSize === stated.treeSize);
  if (onChain === undefined) {
    warnings.push(`the bundle states a checkpoint of size ${stated.treeSize}; verified against the chain's size ${chain.treeSize} instead`);
  } else if (bytesToHex(onChain.root) !== stated.rootHash) {
    reasons.push(`the bundle states root ${stated.rootHash} for size ${stated.treeSize}, the chain recorded a different root for that size`);
  }
}

/** Root over the listed hashes as the bundle lists them (first entry per index), for the report. */
function originalRoot(entries: readonly Entry[], N: number): Hex | null {
  const first = new Array<Uint8Array | null>(N).fill(null);
  for (const e of entries) if (e.leaf.index < N && first[e.leaf.index] === null) first[e.leaf.index] = e.listed;
  const r = CompactRange.empty();
  for (const h of first) {
    if (h === null) return null;
    r.append(h);
  }
  return bytesToHex(r.root());
}

function lastNonNull(slots: readonly (number | null)[]): number {
  for (let t = slots.length - 1; t >= 0; t--) if (slots[t] !== null) return t;
  return -1;
}

/** One reason per failing record, but unverified ranges and very long lists are summarised. */
function listFailures(records: readonly RecordReport[], reasons: string[]): void {
  let listed = 0;
  let omitted = 0;
  let unverified = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of records) {
    if (r.verdict === "unverified") {
      unverified++;
      lo = Math.min(lo, r.index);
      hi = Math.max(hi, r.index);
      continue;
    }
    if (!FAILING_VERDICTS.has(r.verdict)) continue;
    if (listed >= MAX_LISTED_FAILURES) {
      omitted++;
      continue;
    }
    listed++;
    const what = r.kind === null ? "" : ` (${r.kind})`;
    reasons.push(`#${r.index}${what}: ${r.verdict}${r.notes.length > 0 ? ` (${r.notes.join("; ")})` : ""}`);
  }
  if (omitted > 0) reasons.push(`... and ${omitted} more failing record(s)`);
  if (unverified > 0) reasons.push(`${unverified} record(s) between #${lo} and #${hi} cannot be proven against the chain`);
}

function emptyReport(chain: ChainCheckpoint, reasons: string[]): BundleReport {
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  return {
    ok: false,
    reasons,
    warnings: [],
    checkpoint: chain,
    computedRoot: null,
    rootMatches: false,
    provenPrefix: 0,
    changedRange: null,
    records: [],
    counts,
  };
}
