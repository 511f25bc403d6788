// The audit-bundle verifier: one scenario per verdict, built from a genuine log and then tampered with.
import { describe, expect, it } from "vitest";
import { BUNDLE_FORMAT, bundleLeaf, parseAuditBundle, type AuditBundle, type BundleLeaf } from "./bundle";
import { envelopeLeafHash, type Envelope } from "./envelope";
import { outcomeLog, sampleEnvelope } from "./fixtures.test-helper";
import { EMPTY_ROOT } from "./hash";
import type { Hex } from "./hex";
import { rootFromLeafHashes } from "./tree";
import { chainTrialId } from "./trial-id";
import { verifyBundle, type BundleReport, type ChainCheckpoint, type Verdict } from "./verify-bundle";

interface Fixture {
  envelopes: Envelope[];
  hashes: Hex[];
  bundle: AuditBundle;
  chain: ChainCheckpoint;
  /** Chain checkpoints at the given sizes (Checkpointed events). */
  history: (every: number) => ChainCheckpoint[];
}

const SPONSOR = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";

/** A genuine log of `n` records, anchored at size `anchored` (default: all of them). */
function fixture(n: number, anchored = n): Fixture {
  const envelopes = outcomeLog(n);
  const hashes = envelopes.map(envelopeLeafHash);
  const chain = { treeSize: anchored, rootHash: rootFromLeafHashes(hashes.slice(0, anchored)) };
  const bundle: AuditBundle = {
    format: BUNDLE_FORMAT,
    chain: { chainId: 31337, contract: "0x5FbDB2315678afecb367f032d93F642f64180aa3" },
    trial: { publicId: "TP-2026-0001", sponsor: SPONSOR, chainTrialId: chainTrialId(SPONSOR, "TP-2026-0001") },
    checkpoint: { ...chain, txHash: `0x${"cd".repeat(32)}`, blockNumber: 12 },
    leaves: envelopes.map((e, i) => bundleLeaf(i, e)),
  };
  const history = (every: number) => {
    const out: ChainCheckpoint[] = [];
    for (let s = every; s < anchored; s += every) out.push({ treeSize: s, rootHash: rootFromLeafHashes(hashes.slice(0, s)) });
    return out;
  };
  return { envelopes, hashes, bundle, chain, history };
}

const withLeaves = (b: AuditBundle, leaves: BundleLeaf[]): AuditBundle => ({ ...b, leaves });
const verdicts = (r: BundleReport) => r.records.map((x) => `${x.index}:${x.verdict}`);
const verdictOf = (r: BundleReport, index: number, position?: number) =>
  r.records.find((x) => x.index === index && (position === undefined || x.position === position))?.verdict;
const all = (r: BundleReport, verdict: Verdict, from: number, to: number) =>
  r.records.filter((x) => x.index >= from && x.index < to).every((x) => x.verdict === verdict);

/** A bundle leaf with a changed envelope (another outcome value), optionally with its leaf hash recomputed. */
function edited(leaf: BundleLeaf, rehash: boolean): BundleLeaf {
  const env = { ...(leaf.envelope as unknown as Envelope) } as Envelope & { body: { value: string } };
  const changed = { ...env, body: { ...env.body, value: "99" } } as Envelope;
  return {
    ...leaf,
    envelope: changed as unknown as Record<string, unknown>,
    leafHash: rehash ? envelopeLeafHash(changed) : leaf.leafHash,
  };
}

describe("verifyBundle", () => {
  it("accepts a genuine bundle", () => {
    const f = fixture(10);
    const r = verifyBundle(f.bundle, f.chain);
    expect(r.ok).toBe(true);
    expect(r.reasons).toEqual([]);
    expect(r.rootMatches).toBe(true);
    expect(r.computedRoot).toBe(f.chain.rootHash);
    expect(r.provenPrefix).toBe(10);
    expect(r.counts.ok).toBe(10);
    expect(r.records.every((x) => x.proven && x.verdict === "ok")).toBe(true);
  });

  it("fails a bundle whose trial id is not the one its sponsor registered (another account's registration)", () => {
    const f = fixture(10);
    const squatter = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";
    for (const trial of [
      { ...f.bundle.trial, chainTrialId: chainTrialId(squatter, "TP-2026-0001") },
      { ...f.bundle.trial, sponsor: squatter as Hex },
    ]) {
      const r = verifyBundle({ ...f.bundle, trial }, f.chain);
      expect(r.ok).toBe(false);
      expect(r.reasons[0]).toMatch(/is not TP-2026-0001 as registered by 0x[0-9a-fA-F]{40}/);
    }
  });

  it("refuses format /1, whose trial id did not name its sponsor, with a message that says so", () => {
    const f = fixture(2);
    const { sponsor: _sponsor, ...trial } = f.bundle.trial;
    const parsed = parseAuditBundle({ ...f.bundle, format: "trialproof.audit-bundle/1", trial });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.issues).toEqual([
        expect.objectContaining({ path: "format", message: expect.stringMatching(/no longer accepted.*anyone could have registered it first/) }),
      ]);
  });

  it("accepts an empty log against the empty root", () => {
    const f = fixture(0);
    expect(f.chain.rootHash).toBe(EMPTY_ROOT);
    const r = verifyBundle(f.bundle, f.chain);
    expect(r.ok).toBe(true);
    expect(r.records).toEqual([]);
    expect(verifyBundle(f.bundle, { treeSize: 0, rootHash: `0x${"11".repeat(32)}` }).ok).toBe(false);
  });

  it("modified: an envelope edited after the fact (stored leaf hash untouched)", () => {
    const f = fixture(10);
    const leaves = f.bundle.leaves.slice();
    leaves[4] = edited(leaves[4]!, false);
    const r = verifyBundle(withLeaves(f.bundle, leaves), f.chain);
    expect(r.ok).toBe(false);
    expect(r.rootMatches).toBe(true);
    expect(verdictOf(r, 4)).toBe("modified");
    expect(r.counts).toMatchObject({ ok: 9, modified: 1 });
    expect(r.reasons.some((x) => x.startsWith("#4 (outcome.recorded): modified"))).toBe(true);
  });

  it("modified: an envelope that no longer canonicalizes", () => {
    const f = fixture(4);
    const leaves = f.bundle.leaves.slice();
    leaves[1] = { ...leaves[1]!, envelope: { ...leaves[1]!.envelope!, extra: Number.NaN } };
    const r = verifyBundle(withLeaves(f.bundle, leaves), f.chain);
    expect(verdictOf(r, 1)).toBe("modified");
    expect(r.records.find((x) => x.index === 1)!.notes.join()).toMatch(/canonicalized/);
  });

  it("modified + narrowed: envelope and stored hash both rewritten, located by chain checkpoints", () => {
    const f = fixture(100);
    const leaves = f.bundle.leaves.slice();
    leaves[57] = edited(leaves[57]!, true);
    const tampered = withLeaves(f.bundle, leaves);

    // Only the latest checkpoint: the root fails and nothing can be proven.
    const coarse = verifyBundle(tampered, f.chain);
    expect(coarse.ok).toBe(false);
    expect(coarse.rootMatches).toBe(false);
    expect(coarse.changedRange).toEqual({ start: 0, end: 100 });
    expect(all(coarse, "unverified", 0, 100)).toBe(true);

    // Checkpoints every 10 leaves: the change is between sizes 50 and 60, everything before is proven.
    const narrowed = verifyBundle(tampered, f.chain, { history: f.history(10) });
    expect(narrowed.changedRange).toEqual({ start: 50, end: 60 });
    expect(narrowed.provenPrefix).toBe(50);
    expect(all(narrowed, "ok", 0, 50)).toBe(true);
    expect(all(narrowed, "unverified", 50, 100)).toBe(true);
    expect(narrowed.reasons.join("\n")).toMatch(/\[50, 60\)/);

    // A checkpoint after every append singles the leaf out.
    const exact = verifyBundle(tampered, f.chain, { history: f.history(1) });
    expect(exact.changedRange).toEqual({ start: 57, end: 58 });
    expect(verdictOf(exact, 57)).toBe("modified");
    expect(all(exact, "ok", 0, 57)).toBe(true);
    expect(all(exact, "unverified", 58, 100)).toBe(true);
  });

  it("missing: a leaf dropped from the bundle", () => {
    const f = fixture(12);
    const leaves = f.bundle.leaves.filter((l) => l.index !== 5);
    const r = verifyBundle(withLeaves(f.bundle, leaves), f.chain, { history: f.history(4) });
    expect(r.ok).toBe(false);
    expect(verdictOf(r, 5)).toBe("missing");
    expect(r.computedRoot).toBeNull();
    expect(r.provenPrefix).toBe(4);
    expect(all(r, "ok", 0, 4)).toBe(true);
    expect(verdictOf(r, 4)).toBe("unverified");
    expect(all(r, "unverified", 6, 12)).toBe(true);
    expect(r.reasons.join("\n")).toMatch(/leaf 5 is missing/);
  });

  it("missing: the tail of the log absent from the bundle", () => {
    const f = fixture(8);
    const r = verifyBundle(withLeaves(f.bundle, f.bundle.leaves.slice(0, 6)), f.chain);
    expect(verdicts(r).slice(6)).toEqual(["6:missing", "7:missing"]);
    expect(r.ok).toBe(false);
  });

  it("inserted: an extra record under an existing index, listed after the genuine one", () => {
    const f = fixture(8);
    const fake = bundleLeaf(3, sampleEnvelope("outcome.recorded", { salt: "f".repeat(64) }));
    const leaves = [...f.bundle.leaves.slice(0, 4), fake, ...f.bundle.leaves.slice(4)];
    const r = verifyBundle(withLeaves(f.bundle, leaves), f.chain);
    expect(r.ok).toBe(false);
    expect(verdictOf(r, 3, 3)).toBe("ok");
    expect(verdictOf(r, 3, 4)).toBe("inserted");
    expect(r.counts).toMatchObject({ ok: 8, inserted: 1 });
  });

  it("inserted: the extra record listed before the genuine one is found by the root search", () => {
    const f = fixture(8);
    const fake = bundleLeaf(3, sampleEnvelope("outcome.recorded", { salt: "f".repeat(64) }));
    const leaves = [...f.bundle.leaves.slice(0, 3), fake, ...f.bundle.leaves.slice(3)];
    const r = verifyBundle(withLeaves(f.bundle, leaves), f.chain);
    expect(verdictOf(r, 3, 3)).toBe("inserted");
    expect(verdictOf(r, 3, 4)).toBe("ok");
    expect(r.counts).toMatchObject({ ok: 8, inserted: 1 });
    expect(r.rootMatches).toBe(false); // as listed, the first entry of each index does not give the root
  });

  it("inserted: an extra record with the rest renumbered", () => {
    const f = fixture(8);
    const fake = bundleLeaf(3, sampleEnvelope("outcome.recorded", { salt: "f".repeat(64) }));
    const leaves = [
      ...f.bundle.leaves.slice(0, 3),
      fake,
      ...f.bundle.leaves.slice(3).map((l) => bundleLeaf(l.index + 1, l.envelope as unknown as Envelope)),
    ];
    const r = verifyBundle(withLeaves(f.bundle, leaves), f.chain);
    expect(r.ok).toBe(false);
    const insertedRec = r.records.find((x) => x.verdict === "inserted")!;
    expect(insertedRec.position).toBe(3);
    expect(r.counts).toMatchObject({ ok: 8, inserted: 1, unanchored: 0 });
    expect(r.records.find((x) => x.position === 8)).toMatchObject({
      index: 7,
      listedIndex: 8,
      verdict: "ok",
      proven: true,
    });
    expect(r.reasons.join("\n")).toMatch(/renumbered/);
  });

  it("reordered: two records swapped (with their leaf hashes) are found by the root search", () => {
    const f = fixture(9);
    const leaves = f.bundle.leaves.slice();
    const [a, b] = [leaves[2]!, leaves[6]!];
    leaves[2] = { ...b, index: 2 };
    leaves[6] = { ...a, index: 6 };
    const r = verifyBundle(withLeaves(f.bundle, leaves), f.chain);
    expect(r.ok).toBe(false);
    expect(verdictOf(r, 2)).toBe("reordered");
    expect(verdictOf(r, 6)).toBe("reordered");
    expect(r.counts).toMatchObject({ ok: 7, reordered: 2 });
    expect(r.provenPrefix).toBe(9);
  });

  it("reordered: two envelopes swapped under their original leaf hashes", () => {
    const f = fixture(9);
    const leaves = f.bundle.leaves.slice();
    leaves[2] = { ...f.bundle.leaves[2]!, envelope: f.bundle.leaves[6]!.envelope };
    leaves[6] = { ...f.bundle.leaves[6]!, envelope: f.bundle.leaves[2]!.envelope };
    const r = verifyBundle(withLeaves(f.bundle, leaves), f.chain);
    expect(r.rootMatches).toBe(true);
    expect(verdictOf(r, 2)).toBe("reordered");
    expect(verdictOf(r, 6)).toBe("reordered");
    expect(r.records.find((x) => x.index === 2)!.notes.join()).toMatch(/index 6/);
  });

  it("listing order alone is not tampering: entries keep their indices", () => {
    const f = fixture(6);
    const leaves = f.bundle.leaves.slice().reverse();
    const r = verifyBundle(withLeaves(f.bundle, leaves), f.chain);
    expect(r.ok).toBe(true);
    expect(r.warnings.join()).toMatch(/increasing index order/);
  });

  it("redacted: an erased envelope still verifies", () => {
    const f = fixture(6);
    const leaves = f.bundle.leaves.slice();
    leaves[2] = { ...leaves[2]!, envelope: null };
    const r = verifyBundle(withLeaves(f.bundle, leaves), f.chain);
    expect(r.ok).toBe(true);
    expect(verdictOf(r, 2)).toBe("redacted");
    expect(r.records.find((x) => x.index === 2)!.proven).toBe(true);
    expect(r.counts).toMatchObject({ ok: 5, redacted: 1 });
  });

  it("redacted leaves whose stored hash was changed are caught by the root", () => {
    const f = fixture(6);
    const leaves = f.bundle.leaves.slice();
    leaves[2] = { ...leaves[2]!, envelope: null, leafHash: `0x${"00".repeat(32)}` };
    const r = verifyBundle(withLeaves(f.bundle, leaves), f.chain, { history: f.history(1) });
    expect(r.ok).toBe(false);
    expect(verdictOf(r, 2)).toBe("modified");
  });

  it("unanchored: records appended after the checkpoint", () => {
    const f = fixture(10, 7);
    const r = verifyBundle(f.bundle, f.chain);
    expect(r.ok).toBe(true);
    expect(verdicts(r).slice(7)).toEqual(["7:unanchored", "8:unanchored", "9:unanchored"]);
    expect(r.records.slice(7).every((x) => !x.proven)).toBe(true);
    expect(r.warnings.join()).toMatch(/3 record\(s\) appended after the checkpoint/);
    const strict = verifyBundle(f.bundle, f.chain, { requireAnchored: true });
    expect(strict.ok).toBe(false);
  });

  it("a listing whose kind contradicts the envelope fails", () => {
    const f = fixture(3);
    const leaves = f.bundle.leaves.slice();
    leaves[1] = { ...leaves[1]!, kind: "consent.signed" };
    const r = verifyBundle(withLeaves(f.bundle, leaves), f.chain);
    expect(r.ok).toBe(false);
    expect(r.reasons.join()).toMatch(/lists kind "consent.signed"/);
  });

  it("an anchored record outside the current schema is authentic: a warning, not a failure", () => {
    const f = fixture(3);
    const odd = { ...(f.envelopes[1] as unknown as Record<string, unknown>), kind: "outcome.future_kind" };
    const leaves = f.bundle.leaves.slice();
    leaves[1] = {
      index: 1,
      leafHash: envelopeLeafHash(odd as unknown as Envelope),
      kind: "outcome.future_kind",
      envelope: odd,
    };
    const hashes = leaves.map((l) => l.leafHash);
    const chain = { treeSize: 3, rootHash: rootFromLeafHashes(hashes) };
    const r = verifyBundle({ ...withLeaves(f.bundle, leaves), checkpoint: chain }, chain);
    expect(r.ok).toBe(true);
    expect(r.warnings.join()).toMatch(/#1: envelope does not match the record schema/);
  });

  it("the bundle's own checkpoint must agree with the chain", () => {
    const f = fixture(5);
    const wrongRoot = { ...f.bundle, checkpoint: { ...f.bundle.checkpoint, rootHash: `0x${"11".repeat(32)}` as Hex } };
    expect(verifyBundle(wrongRoot, f.chain).ok).toBe(false);
    const ahead = { ...f.bundle, checkpoint: { ...f.bundle.checkpoint, treeSize: 9 } };
    expect(verifyBundle(ahead, f.chain).reasons.join()).toMatch(/only at size 5/);
  });

  it("a wrong chain root fails, and a malformed chain checkpoint is reported, never thrown", () => {
    const f = fixture(5);
    const r = verifyBundle(f.bundle, { treeSize: 5, rootHash: `0x${"22".repeat(32)}` });
    expect(r.ok).toBe(false);
    expect(r.rootMatches).toBe(false);
    expect(verifyBundle(f.bundle, { treeSize: -1, rootHash: f.chain.rootHash }).ok).toBe(false);
    expect(verifyBundle(f.bundle, { treeSize: 5, rootHash: "0xABC" as Hex }).ok).toBe(false);
  });

  it("absurd indices and sizes are reported without enumerating them", () => {
    const f = fixture(4);
    const far = { ...f.bundle.leaves[3]!, index: 2 ** 50 };
    const r = verifyBundle(withLeaves(f.bundle, [...f.bundle.leaves, far]), f.chain);
    expect(r.ok).toBe(false);
    expect(r.records).toHaveLength(5);
    expect(r.records.at(-1)).toMatchObject({ index: 2 ** 50, verdict: "unanchored" });
    expect(r.reasons.join()).toMatch(/far beyond the end/);
    const huge = verifyBundle(f.bundle, { treeSize: 2 ** 40, rootHash: f.chain.rootHash });
    expect(huge.ok).toBe(false);
    expect(huge.reasons.join()).toMatch(/lists only 4/);
  });

  it("counts add up and every failing record is named in the reasons", () => {
    const f = fixture(10);
    const leaves = f.bundle.leaves.filter((l) => l.index !== 8);
    leaves[1] = edited(leaves[1]!, false);
    const r = verifyBundle(withLeaves(f.bundle, leaves), f.chain);
    expect(Object.values(r.counts).reduce((a, b) => a + b, 0)).toBe(r.records.length);
    expect(r.reasons.some((x) => x.startsWith("#1 "))).toBe(true);
    expect(r.reasons.some((x) => x.startsWith("#8: missing"))).toBe(true);
  });
});

describe("parseAuditBundle", () => {
  it("accepts a bundle that went through JSON", () => {
    const f = fixture(4);
    const parsed = parseAuditBundle(JSON.parse(JSON.stringify(f.bundle)));
    expect(parsed.ok).toBe(true);
    expect(parsed.ok && verifyBundle(parsed.value, f.chain).ok).toBe(true);
  });

  it("rejects structural problems with paths, but not tampering", () => {
    const f = fixture(2);
    const bad = (patch: Record<string, unknown>) => {
      const r = parseAuditBundle({ ...f.bundle, ...patch });
      return r.ok ? [] : r.issues.map((i) => i.path);
    };
    expect(bad({ format: "trialproof.audit-bundle/3" })).toEqual(["format"]);
    expect(bad({ leaves: [{ ...f.bundle.leaves[0]!, leafHash: f.bundle.leaves[0]!.leafHash.toUpperCase() }] })).toEqual(["leaves[0].leafHash"]);
    expect(bad({ leaves: [{ ...f.bundle.leaves[0]!, index: -1 }] })).toEqual(["leaves[0].index"]);
    expect(bad({ checkpoint: { treeSize: 1.5, rootHash: f.chain.rootHash } })).toEqual(["checkpoint.treeSize"]);
    // duplicates, gaps and redactions are the verifier's business
    expect(bad({ leaves: [f.bundle.leaves[1], f.bundle.leaves[1], { ...f.bundle.leaves[0]!, envelope: null }] })).toEqual([]);
  });
});
