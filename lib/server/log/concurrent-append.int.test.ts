import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import { bytesToHex, rootFromLeafHashes } from "@/lib/integrity";
import type { Database } from "@/lib/db/open";
import { log, logLeaf } from "@/lib/db/schema";
import { freshDatabase } from "@/lib/testing/fresh-database";
import { appendRecord } from "./append-records";

const run = promisify(execFile);
let database: Database;
let url: string | undefined;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ database, url, drop } = await freshDatabase());
});
afterAll(async () => drop());

async function assertDenseAndConsistent(logId: string, expected: number) {
  const rows = await database.select().from(logLeaf).where(eq(logLeaf.logId, logId)).orderBy(asc(logLeaf.idx));
  expect(rows.map((r) => r.idx)).toEqual(Array.from({ length: expected }, (_, i) => i));
  const [head] = await database.select().from(log).where(eq(log.id, logId));
  expect(head!.size).toBe(expected);
  expect(bytesToHex(head!.rootHash)).toBe(rootFromLeafHashes(rows.map((r) => bytesToHex(r.leafHash))));
}

describe("concurrent appenders", () => {
  // PostgreSQL: two real processes race on the head lock. Embedded PGlite has a single owner process by
  // design, so there the race is between concurrent transactions of that process.
  it(
    process.env.DATABASE_URL
      ? "two processes with four connections each get indexes 0..n-1: no duplicates, no gaps"
      : "concurrent transactions of the one PGlite process get indexes 0..n-1: no duplicates, no gaps",
    async () => {
      if (process.env.DATABASE_URL) {
        const per = 150;
        const child = (who: string) =>
          run("node_modules/.bin/tsx", ["--conditions=react-server", "lib/testing/append-child.ts"], {
            env: { ...process.env, DATABASE_URL: url!, LOG_ID: "portal", COUNT: String(per), WHO: who },
            timeout: 120_000,
          });
        // The log row exists before both start, so both race on the same head lock.
        await appendRecord(database, "portal", {
          kind: "auth.signed_in",
          actor: { role: "system", id: "sys_seed" },
          body: { method: "password" },
        });
        const [a, b] = await Promise.all([child("a"), child("b")]);
        const got = [...JSON.parse(a.stdout.trim()), ...JSON.parse(b.stdout.trim())].sort((x, y) => x - y);
        expect(got).toEqual(Array.from({ length: 2 * per }, (_, i) => i + 1));
        await assertDenseAndConsistent("portal", 2 * per + 1);
        return;
      }
      const results = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          database.transaction((tx) =>
            appendRecord(tx, "portal", {
              kind: "auth.signed_in",
              actor: { role: "system", id: `sys_p${String(i).padStart(4, "0")}` },
              body: { method: "password" },
            }),
          ),
        ),
      );
      expect(results.map((r) => r.index).sort((x, y) => x - y)).toEqual(Array.from({ length: 60 }, (_, i) => i));
      await assertDenseAndConsistent("portal", 60);
    },
    180_000,
  );
});
