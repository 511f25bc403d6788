// RFC 9162 conformance: every proof vector of testdata/rfc9162 and the known roots for sizes 0..8 (testdata/README.md).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CompactRange } from "./compact-range";
import { EMPTY_ROOT, leafHashBytes } from "./hash";
import { bytesToHex, type Hex } from "./hex";
import { consistencyProof, inclusionProof, verifyConsistency, verifyInclusion } from "./proofs";
import { rootFromLeafHashes } from "./tree";

const vectors = fileURLToPath(new URL("../../testdata/rfc9162", import.meta.url));

function jsonFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? jsonFiles(path.join(dir, e.name)) : e.name.endsWith(".json") ? [path.join(dir, e.name)] : []))
    .sort();
}

/** Vector hashes are base64; our API speaks 0x hex. null/undefined (absent proof) map to an empty proof. */
const hex = (b64: string): Hex => `0x${Buffer.from(b64, "base64").toString("hex")}`;
const hexList = (list: string[] | null | undefined): Hex[] => (list ?? []).map(hex);
const rel = (f: string) => path.relative(vectors, f);

interface InclusionVector {
  leafIdx: number;
  treeSize: number;
  root: string;
  leafHash: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}
interface ConsistencyVector {
  size1: number;
  size2: number;
  root1: string;
  root2: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

const inclusionFiles = jsonFiles(path.join(vectors, "inclusion"));
const consistencyFiles = jsonFiles(path.join(vectors, "consistency"));
const read = <T>(f: string): T => JSON.parse(fs.readFileSync(f, "utf8")) as T;

const known = read<{ leafInputsHex: string[]; leafHashesHex: string[]; rootsBySizeHex: string[] }>(path.join(vectors, "known-roots.json"));
const knownLeaves = known.leafHashesHex.map((h) => `0x${h}` as Hex);

describe("RFC 9162 vectors", () => {
  it("finds all 98 inclusion and 98 consistency vector files", () => {
    expect(inclusionFiles).toHaveLength(98);
    expect(consistencyFiles).toHaveLength(98);
  });

  it.each(inclusionFiles.map((f) => [rel(f), f]))("inclusion %s", (_name, file) => {
    const v = read<InclusionVector>(file);
    expect(verifyInclusion(hex(v.leafHash), v.leafIdx, v.treeSize, hexList(v.proof), hex(v.root))).toBe(!v.wantErr);
  });

  it.each(consistencyFiles.map((f) => [rel(f), f]))("consistency %s", (_name, file) => {
    const v = read<ConsistencyVector>(file);
    expect(verifyConsistency(v.size1, v.size2, hex(v.root1), hex(v.root2), hexList(v.proof))).toBe(!v.wantErr);
  });

  it("contains both accepted and rejected cases, so a constant verifier cannot pass", () => {
    const wants = [...inclusionFiles, ...consistencyFiles].map((f) => read<{ wantErr: boolean }>(f).wantErr);
    expect(wants.filter((w) => !w).length).toBeGreaterThanOrEqual(10);
    expect(wants.filter((w) => w).length).toBeGreaterThanOrEqual(100);
  });

  it("our generators reproduce the happy-path proofs over the known leaves", () => {
    let checked = 0;
    for (const file of inclusionFiles) {
      const v = read<InclusionVector>(file);
      if (v.wantErr || v.treeSize > knownLeaves.length) continue;
      const leaves = knownLeaves.slice(0, v.treeSize);
      if (hex(v.leafHash) !== leaves[v.leafIdx] || hex(v.root) !== rootFromLeafHashes(leaves)) continue;
      expect(inclusionProof(leaves, v.leafIdx), rel(file)).toEqual(hexList(v.proof));
      checked++;
    }
    for (const file of consistencyFiles) {
      const v = read<ConsistencyVector>(file);
      if (v.wantErr || v.size2 > knownLeaves.length || v.size1 === 0) continue;
      const leaves = knownLeaves.slice(0, v.size2);
      if (hex(v.root2) !== rootFromLeafHashes(leaves) || hex(v.root1) !== rootFromLeafHashes(leaves.slice(0, v.size1))) continue;
      expect(consistencyProof(leaves, v.size1), rel(file)).toEqual(hexList(v.proof));
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(8);
  });
});

describe("known roots (sizes 0..8)", () => {
  it("leaf hashes of the known leaf inputs", () => {
    expect(known.leafInputsHex).toHaveLength(8);
    const ours = known.leafInputsHex.map((h) => bytesToHex(leafHashBytes(Buffer.from(h, "hex"))));
    expect(ours).toEqual(knownLeaves);
  });

  it.each(known.rootsBySizeHex.map((root, size) => [size, root]))("root of size %i", (size, root) => {
    const leaves = knownLeaves.slice(0, size as number);
    expect(rootFromLeafHashes(leaves)).toBe(`0x${root as string}`);
    const acc = CompactRange.empty();
    for (const l of leaves) acc.append(Buffer.from(l.slice(2), "hex"));
    expect(bytesToHex(acc.root())).toBe(`0x${root as string}`);
  });

  it("the empty root is SHA-256 of the empty string", () => {
    expect(EMPTY_ROOT).toBe("0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(rootFromLeafHashes([])).toBe(EMPTY_ROOT);
  });
});
