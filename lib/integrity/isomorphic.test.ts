// The module must run unchanged in browsers: no Node built-ins, no Buffer/process, no dynamic require.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const dir = path.dirname(fileURLToPath(import.meta.url));
function sources(d: string): string[] {
  return fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(d, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") && !e.name.includes(".test-") ? [p] : [];
  });
}

describe("lib/integrity is isomorphic", () => {
  const files = sources(dir);
  it("has source files to check", () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
  });
  it.each(files.map((f) => [path.relative(dir, f), f]))("%s uses no Node-only API", (_name, file) => {
    const code = fs
      .readFileSync(file, "utf8")
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/\/\/.*$/gm, "");
    expect(code).not.toMatch(/from\s+["']node:/);
    expect(code).not.toMatch(/from\s+["'](fs|path|crypto|os|url|buffer|stream|child_process)["']/);
    expect(code).not.toMatch(/\bBuffer\b|\bprocess\.|\brequire\(|__dirname|server-only/);
    // Only these packages may be imported.
    for (const m of code.matchAll(/from\s+["']([^"'.][^"']*)["']/g)) {
      expect(["zod", "canonicalize", "@noble/hashes/sha2.js", "@noble/hashes/sha3.js"]).toContain(m[1]);
    }
  });
});
