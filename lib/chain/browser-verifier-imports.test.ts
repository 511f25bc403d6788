// The public /verify page and the public trial page's Verify run in the browser: everything they import,
// transitively, must be client-safe (no lib/server, no lib/db, no server-only, no Node built-ins). Same for the
// chain verifiers and the event decoder the CLI and the server share, and the chain definition wagmi uses.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));

function resolveLocal(from: string, spec: string): string | null {
  const base = spec.startsWith("@/") ? path.join(root, spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(from), spec) : null;
  if (base === null) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  throw new Error(`cannot resolve ${spec} from ${from}`);
}

/** Every local module reachable from `entry`, and every package specifier they import. */
function importGraph(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const code = fs
      .readFileSync(file, "utf8")
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/\/\/.*$/gm, "");
    for (const m of code.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)) {
      const spec = m[1]!;
      const local = resolveLocal(file, spec);
      if (local) visit(local);
      else packages.add(spec);
    }
  };
  visit(path.join(root, entry));
  return { files: [...files].map((f) => path.relative(root, f)), packages: [...packages] };
}

describe("the browser verifier's imports", () => {
  for (const entry of [
    "components/verify/receipt-verifier.tsx",
    "components/registry/protocol-verifier.tsx",
    "lib/chain/verify-receipt-on-chain.ts",
    "lib/chain/verify-bundle-on-chain.ts",
    "lib/chain/verify-public-trial.ts",
    "lib/chain/trial-ledger-events.ts",
    "lib/chain/chain-definition.ts",
    "lib/web3/config.ts",
  ]) {
    it(`${entry} reaches no server-side module`, () => {
      const { files, packages } = importGraph(entry);
      // The graph was really read: the entry and what it imports.
      expect(files.length + packages.length).toBeGreaterThan(2);
      expect(files.filter((f) => /^lib\/(server|db)\//.test(f) || f === "lib/env.ts")).toEqual([]);
      expect(packages.filter((p) => p === "server-only" || p.startsWith("node:") || p === "postgres" || p.startsWith("@electric-sql/"))).toEqual([]);
    });
  }
});
