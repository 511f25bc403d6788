// docs/compliance.md names, for each requirement, the tests that demonstrate it as `path` › title. This test fails
// when a named file or test title does not exist (renamed, deleted, or never written), or when a row names none and
// does not say it is a gap. CI runs it with the unit tests.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const doc = fs.readFileSync(path.join(root, "docs/compliance.md"), "utf8");

/** Table rows of the matrix: | id | requirement | how | evidence |, header and separator rows skipped. */
const rows = doc
  .split("\n")
  .filter((line) => /^\|\s*[A-Z0-9][\w.()-]*\s*\|/.test(line) && !/^\|\s*id\s*\|/i.test(line))
  .map((line) => line.split("|").map((cell) => cell.trim()))
  .map((cells) => ({ id: cells[1]!, evidence: cells[4] ?? "" }));

const citations = (evidence: string) =>
  [...evidence.matchAll(/`([^`]+\.(?:ts|tsx))` › ([^<]+?)(?=<br>|$)/g)].map((m) => ({ file: m[1]!, title: m[2]!.trim() }));

/** Does the file declare a test (it/test/describe) with exactly this title? */
function declares(source: string, title: string): boolean {
  for (const quote of ['"', "'", "`"]) {
    const escaped = title.replace(/\\/g, "\\\\").replaceAll(quote, `\\${quote}`);
    if (source.includes(`${quote}${escaped}${quote}`) || source.includes(`${quote}${title}${quote}`)) return true;
  }
  return false;
}

describe("docs/compliance.md", () => {
  it("has a matrix", () => {
    expect(rows.length).toBeGreaterThan(20);
  });

  it("every requirement names the tests that show it, or says plainly that it is a gap", () => {
    const silent = rows.filter((r) => citations(r.evidence).length === 0 && !/\bgap\b/i.test(r.evidence)).map((r) => r.id);
    expect(silent).toEqual([]);
  });

  it("every named test exists under that exact title", () => {
    const missing: string[] = [];
    for (const row of rows) {
      for (const { file, title } of citations(row.evidence)) {
        const full = path.join(root, file);
        if (!fs.existsSync(full)) missing.push(`${row.id}: no file ${file}`);
        else if (!declares(fs.readFileSync(full, "utf8"), title)) missing.push(`${row.id}: ${file} has no test "${title}"`);
      }
    }
    expect(missing).toEqual([]);
  });
});
