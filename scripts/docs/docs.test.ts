// The specification in docs/ stays true to the code: the kind table is what the catalogue generates, the worked
// examples are what the code computes, every docs/…#anchor reference resolves, and the repository refers to no
// document outside itself.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  canonicalize,
  EMPTY_ROOT,
  envelopeLeafHash,
  manifestationCommitment,
  parseEnvelope,
  rootFromLeafHashes,
  verifyReceiptSteps,
  type Hex,
} from "@/lib/integrity";
import { SIGNATURE_MEANING_TEXT } from "@/lib/vocabulary/consent-signer";
import { chainTrialId, publicIdHash } from "@/lib/chain/trial-id";
import { PORTAL_LOG_PROTOCOL_MARKER } from "@/lib/chain/anchoring/portal-log-marker";
import { kindCatalogueTable, TABLE_END, TABLE_START } from "./kind-catalogue";

const root = fileURLToPath(new URL("../..", import.meta.url));
const docsDir = path.join(root, "docs");
const read = (rel: string) => fs.readFileSync(path.join(root, rel), "utf8");
const docFiles = fs.readdirSync(docsDir).filter((f) => f.endsWith(".md"));

/** GitHub's heading anchors: lowercase, punctuation dropped, spaces to hyphens, "-1", "-2" for repeats. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  const text = markdown.replace(/```[\s\S]*?```/g, "");
  for (const m of text.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const slug = m[1]!
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    anchors.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return anchors;
}

/** The repository's own text files (not dependencies, build output, local data or the vectors themselves). */
function sourceFiles(dir = root): string[] {
  const skip = new Set(["node_modules", ".git", ".next", ".data", ".test-data", "test-results", "playwright-report", "artifacts", "testdata"]);
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (skip.has(e.name)) return [];
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx|mts|mjs|cjs|js|md|sol|sql)$/.test(e.name) ? [p] : [];
  });
}

/** Fenced code blocks of a markdown document whose info string is `info` ("" for none), in order. */
function codeBlocks(markdown: string, info: string): string[] {
  const blocks: { info: string; lines: string[] }[] = [];
  let open: { info: string; lines: string[] } | null = null;
  for (const line of markdown.split("\n")) {
    if (open === null && line.startsWith("```")) open = { info: line.slice(3).trim(), lines: [] };
    else if (open !== null && line.startsWith("```")) {
      blocks.push(open);
      open = null;
    } else open?.lines.push(line);
  }
  return blocks.filter((b) => b.info === info).map((b) => b.lines.join("\n"));
}

describe("docs/records.md kind table", () => {
  it("is the table the catalogue generates (npx tsx scripts/docs/kind-catalogue.ts --write)", () => {
    const doc = read("docs/records.md");
    const block = doc.slice(doc.indexOf(TABLE_START) + TABLE_START.length, doc.indexOf(TABLE_END)).trim();
    expect(doc.indexOf(TABLE_START)).toBeGreaterThan(0);
    expect(block).toBe(kindCatalogueTable());
  });
});

describe("docs worked examples are what the code computes", () => {
  it("records.md: the envelope, its canonical bytes and its leaf hash", () => {
    const doc = read("docs/records.md");
    const envelope: unknown = JSON.parse(codeBlocks(doc, "json")[0]!);
    const parsed = parseEnvelope(envelope);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const canonical = canonicalize(parsed.value);
    expect(codeBlocks(doc, "")[0]!.trim()).toBe(canonical);
    expect(doc).toContain(`these ${new TextEncoder().encode(canonical).length} bytes`);
    expect(doc).toContain(envelopeLeafHash(parsed.value));
    expect(read("docs/log.md")).toContain(envelopeLeafHash(parsed.value));
  });

  it("consent.md: the manifestation commitment, its canonical JSON, and a changed name", () => {
    const doc = read("docs/consent.md");
    const salt = "5f3a9c0e1b7d24f68a0c3e5b7d9f1a2c4e6b8d0f2a4c6e8b0d2f4a6c8e0b2d4f";
    const m = { name: "Pat Participant", signedAt: "2026-11-21T10:15:30.123Z", meaning: SIGNATURE_MEANING_TEXT.participant };
    const json = canonicalize(m);
    expect(doc).toContain(`meaning \`${m.meaning}\`, salt\n\`${salt}\``);
    expect(codeBlocks(doc, "")[1]!.trim()).toBe(json);
    expect(doc).toContain(`these ${new TextEncoder().encode(json).length} bytes`);
    expect(doc).toContain(`the commitment is \`${manifestationCommitment(m, salt)}\``);
    expect(doc).toContain(manifestationCommitment({ ...m, name: "Pat Participants" }, salt));
  });

  it("log.md: the roots of sizes 0-4 over the known leaves", () => {
    const known = JSON.parse(read("testdata/rfc9162/known-roots.json")) as { leafHashesHex: string[] };
    const leaves = known.leafHashesHex.map((h) => `0x${h}` as Hex);
    const doc = read("docs/log.md");
    expect(doc).toContain(`| 0 | \`${EMPTY_ROOT}\` |`);
    for (let size = 1; size <= 4; size++) expect(doc).toContain(`| ${size} | \`${rootFromLeafHashes(leaves.slice(0, size))}\``);
  });

  it("ledger.md: chain trial ids and the portal log marker", () => {
    const doc = read("docs/ledger.md");
    const rows = [
      ["TP-2026-0001", "0x70997970c51812dc3a010c7d01b50e0d17dc79c8"],
      ["TP-2026-0001", "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc"],
      ["portal", "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266"],
    ];
    for (const [id, sponsor] of rows) {
      expect(doc).toContain(`| \`${id}\` | \`${publicIdHash(id!)}\` | \`${sponsor}\` | \`${chainTrialId(sponsor!, id!)}\` |`);
    }
    expect(doc).toContain(PORTAL_LOG_PROTOCOL_MARKER);
  });

  it("receipts.md: the example record hashes to the receipt's leaf, whose proof leads to its root", () => {
    const [receipt, envelope] = codeBlocks(read("docs/receipts.md"), "json").map((b) => JSON.parse(b) as Record<string, unknown>);
    const result = verifyReceiptSteps(receipt, envelope, {
      treeSize: receipt!.treeSize as number,
      rootHash: receipt!.rootHash as Hex,
    });
    expect(result.steps.map((s) => [s.id, s.status])).toEqual([
      ["format", "pass"],
      ["trial", "pass"],
      ["record", "pass"],
      ["inclusion", "pass"],
      ["chain", "skip"],
      ["anchored", "pass"],
    ]);
  });
});

describe("references to docs/", () => {
  const docs = new Map(docFiles.map((f) => [f, anchorsOf(fs.readFileSync(path.join(docsDir, f), "utf8"))]));

  it("every docs/<file>.md#<anchor> cited in the code names an existing file and heading", () => {
    const broken: string[] = [];
    let cited = 0;
    for (const file of sourceFiles()) {
      const rel = path.relative(root, file);
      if (rel.startsWith("docs/")) continue;
      for (const m of fs.readFileSync(file, "utf8").matchAll(/\bdocs\/([\w-]+\.md)(?:#([\w-]+))?/g)) {
        cited++;
        const anchors = docs.get(m[1]!);
        if (!anchors || (m[2] !== undefined && !anchors.has(m[2]))) broken.push(`${rel}: ${m[0]}`);
      }
    }
    expect(broken).toEqual([]);
    expect(cited).toBeGreaterThan(20);
  });

  it("every relative link in docs/, README.md and testdata/README.md resolves", () => {
    const broken: string[] = [];
    const pages = [...docFiles.map((f) => `docs/${f}`), "README.md", "testdata/README.md"];
    for (const page of pages) {
      for (const m of read(page).matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1]!;
        if (/^[a-z]+:/.test(target)) continue;
        const [file, anchor] = target.split("#") as [string, string | undefined];
        const resolved = file === "" ? path.join(root, page) : path.resolve(path.dirname(path.join(root, page)), file);
        if (!fs.existsSync(resolved)) {
          broken.push(`${page}: ${target}`);
          continue;
        }
        if (anchor !== undefined && resolved.endsWith(".md") && !anchorsOf(fs.readFileSync(resolved, "utf8")).has(anchor)) {
          broken.push(`${page}: ${target}`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it("nothing refers to a design document or vectors outside the repository", () => {
    // Spelled in pieces so that searching the repository for these references finds none in this test either.
    const designDoc = ["DES", "IGN"].join("");
    const outside = [
      new RegExp(String.raw`\b${designDoc}(\.md|\s*§)`),
      new RegExp(String.raw`\.\./${"shared"}\b`),
      new RegExp(`${"shared"}/vectors`),
    ];
    const offending = sourceFiles().flatMap((f) => {
      const text = fs.readFileSync(f, "utf8");
      return outside.some((re) => re.test(text)) ? [path.relative(root, f)] : [];
    });
    expect(offending).toEqual([]);
  });

  it("every specification document stays under 300 lines", () => {
    for (const f of docFiles) expect(fs.readFileSync(path.join(docsDir, f), "utf8").split("\n").length, f).toBeLessThan(300);
  });
});
