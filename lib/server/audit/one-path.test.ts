// Every domain change goes through recordDomainChange, so every log record has its audit row: no application code
// appends to the log or inserts audit rows by itself. The log layer, test files and test boundaries may.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../../..");
const THE_PATH = "lib/server/audit/record-domain-change.ts";

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === "node_modules" || entry.name.startsWith(".") ? [] : sourceFiles(rel);
    return /\.(ts|tsx)$/.test(entry.name) ? [rel] : [];
  });
}

const exempt = (file: string) =>
  file === THE_PATH || file.startsWith("lib/server/log/") || file.startsWith("lib/testing/") || /\.(int\.)?test\.tsx?$|\.test-helper\.ts$/.test(file);

/** Value imports (not `import type`, not `{ type X }` only) of the log's append module, static or dynamic. */
function appendsDirectly(source: string): boolean {
  if (/import\(\s*["'][^"']*log\/append-records["']\s*\)/.test(source)) return true;
  for (const match of source.matchAll(/import\s+(type\s+)?([^;]*?)\s+from\s+["'][^"']*log\/append-records["']/g)) {
    if (match[1]) continue;
    const names = (match[2]!.match(/\{([^}]*)\}/)?.[1] ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    if (names.some((n) => !n.startsWith("type ")) || !match[2]!.trim().startsWith("{")) return true;
  }
  return false;
}

const insertsAuditRows = (source: string) => /\.insert\(\s*auditEvent\s*\)|insert\s+into\s+"?audit_event"?/i.test(source);

const files = ["lib", "app", "components"].flatMap(sourceFiles);

describe("one path for domain changes", () => {
  it("recognises a value import, and not a type-only one", () => {
    expect(appendsDirectly(`import { appendRecord } from "@/lib/server/log/append-records";`)).toBe(true);
    expect(appendsDirectly(`import { appendRecords, type RecordInput } from "../log/append-records";`)).toBe(true);
    expect(appendsDirectly(`const m = await import("@/lib/server/log/append-records");`)).toBe(true);
    expect(appendsDirectly(`import type { AppendedRecord } from "@/lib/server/log/append-records";`)).toBe(false);
    expect(appendsDirectly(`import { type AppendedRecord } from "@/lib/server/log/append-records";`)).toBe(false);
    // The path itself is found by the same scan, so the scan does look where it should.
    expect(appendsDirectly(readFileSync(path.join(ROOT, THE_PATH), "utf8"))).toBe(true);
    expect(insertsAuditRows(readFileSync(path.join(ROOT, THE_PATH), "utf8"))).toBe(true);
  });

  it("no application code outside recordDomainChange appends to the log", () => {
    const offenders = files.filter((f) => !exempt(f) && appendsDirectly(readFileSync(path.join(ROOT, f), "utf8")));
    expect(offenders).toEqual([]);
  });

  it("no application code outside recordDomainChange writes audit rows", () => {
    const offenders = files.filter((f) => !exempt(f) && insertsAuditRows(readFileSync(path.join(ROOT, f), "utf8")));
    expect(offenders).toEqual([]);
  });
});
