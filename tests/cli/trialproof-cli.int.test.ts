// The `trialproof` CLI as an auditor runs it: a separate process, the bundle or receipt file, and the chain's
// RPC URL; no database behind `verify`. `export` reads the database (PostgreSQL when DATABASE_URL is set,
// otherwise an embedded PGlite directory, opened by one process at a time).
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { Hex } from "@/lib/integrity";
import { openDatabase, type Database } from "@/lib/db/open";
import { freshDatabase } from "@/lib/testing/fresh-database";
import {
  anchorDirectlyForTest,
  createTrialForTest,
  freePort,
  registerTrialOnChainForTest,
  startTestLedger,
  type TestLedger,
} from "@/lib/testing/test-ledger";
import { appendRecords, type AppendedRecord, type RecordInput } from "@/lib/server/log/append-records";
import { recordAnchoring, storedLeaf } from "@/lib/server/receipts/record-anchoring";
import { CLI_TEST_TIMEOUT, runTrialproof } from "./run-cli";

const LOG = "TP-2026-0301";

let ledger: TestLedger;
let work: string;
let records: AppendedRecord[];
/** Where the CLI's export finds the database, and how the test opens it in between (one PGlite owner at a time). */
let dbEnv: Record<string, string | undefined>;
let open: () => Promise<Database>;
let release: (database: Database) => Promise<void>;
let cleanup: () => Promise<void>;

const cli = (args: string[], env: Record<string, string | undefined> = {}) => runTrialproof(args, { cwd: work, env });

async function withDatabase<T>(fn: (database: Database) => Promise<T>): Promise<T> {
  const database = await open();
  try {
    return await fn(database);
  } finally {
    await release(database);
  }
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "trialproof-cli-"));
  ledger = await startTestLedger();
  if (process.env.DATABASE_URL) {
    const fresh = await freshDatabase();
    dbEnv = { DATABASE_URL: fresh.url };
    open = async () => fresh.database;
    release = async () => {};
    cleanup = fresh.drop;
  } else {
    const dir = path.join(work, "pglite");
    dbEnv = { PGLITE_DIR: dir };
    let migrated = false;
    open = async () => {
      const database = await openDatabase({ pgliteDir: dir, migrate: !migrated });
      migrated = true;
      return database;
    };
    release = (database) => database.$close();
    cleanup = async () => {};
  }
  await withDatabase(async (database) => {
    await createTrialForTest(database, LOG);
    const outcome = (i: number): RecordInput => ({
      kind: "outcome.recorded",
      actor: { role: "investigator", id: "usr_investigator1" },
      subject: `ppt_cli${i % 2}xyz`,
      body: {
        measure: "systolic_bp",
        value: String(130 + i),
        unit: "mm[Hg]",
        visit: "baseline",
        observedAt: "2026-09-01T08:00:00.000Z",
      },
    });
    records = await appendRecords(database, LOG, [
      {
        kind: "protocol.version",
        actor: { role: "sponsor", id: "usr_sponsor01" },
        body: { version: 1, protocol: { publicTitle: LOG } },
      },
      ...Array.from({ length: 9 }, (_, i) => outcome(i + 1)),
    ]);
    await registerTrialOnChainForTest(ledger, LOG, records[0]!.leafHash, { database });
    await anchorDirectlyForTest(database, ledger, LOG, 4);
    await anchorDirectlyForTest(database, ledger, LOG, 8);
  });
});
afterAll(async () => {
  await Promise.all([ledger?.stop(), cleanup?.()]);
  if (work) await rm(work, { recursive: true, force: true });
});

describe("trialproof export + verify", () => {
  it(
    "an untouched bundle verifies: exit 0",
    async () => {
      const exported = await cli(["export", "--trial", LOG, "--out", "clean.json"], dbEnv);
      expect(exported.stderr).toMatch(/Wrote 10 record\(s\) of TP-2026-0301/);
      expect(exported.code).toBe(0);
      const verified = await cli(["verify", "clean.json", "--rpc", ledger.url, "--contract", ledger.contract]);
      expect(verified.stdout).toContain("RESULT: VERIFIED");
      expect(verified.stdout).toContain("10 record(s): 8 ok, 2 unanchored");
      expect(verified.stdout).not.toContain("Failing records");
      expect(verified.code).toBe(0);
    },
    CLI_TEST_TIMEOUT,
  );

  it(
    "a bundle exported after an envelope was edited in SQL fails: non-zero exit, the edited record named modified",
    async () => {
      await withDatabase((database) =>
        database.$asOwner(async (owner) => {
          await owner.execute(sql`alter table log_envelope disable trigger log_envelope_no_update`);
          try {
            await owner.execute(
              sql`update log_envelope set envelope = jsonb_set(envelope, '{body,value}', '"99"') where log_id = ${LOG} and idx = 3`,
            );
          } finally {
            await owner.execute(sql`alter table log_envelope enable always trigger log_envelope_no_update`);
          }
        }),
      );
      const exported = await cli(["export", "--trial", LOG, "--out", "edited.json"], dbEnv);
      expect(exported.code).toBe(0);
      const bundle = JSON.parse(await readFile(path.join(work, "edited.json"), "utf8"));
      expect(bundle.leaves[3].envelope.body.value).toBe("99");

      const verified = await cli(["verify", "edited.json", "--rpc", ledger.url]);
      expect(verified.code).toBe(1);
      expect(verified.stdout).toMatch(/^ {2}#3 {2}outcome\.recorded {2}MODIFIED/m);
      // Only the failing record is listed in detail.
      expect(verified.stdout.match(/^ {2}#\d+ /gm)).toHaveLength(1);
      expect(verified.stdout).toContain("RESULT: FAILED");
      expect(verified.stdout).toContain("pin it with --contract");
    },
    CLI_TEST_TIMEOUT,
  );

  it(
    "clear usage errors exit 2; an unreachable chain exits 3",
    async () => {
      expect((await cli([])).code).toBe(2);
      expect((await cli(["verify", "clean.json"])).stderr).toMatch(/--rpc <url> is required/);
      expect((await cli(["verify", "clean.json"])).code).toBe(2);
      expect((await cli(["verify", "missing.json", "--rpc", ledger.url])).code).toBe(2);
      expect((await cli(["verify", "clean.json", "--rpc", ledger.url, "--contract", "0x12"])).code).toBe(2);
      expect((await cli(["export"], dbEnv)).code).toBe(2);
      expect((await cli(["frobnicate"])).code).toBe(2);
      const nobody = `http://127.0.0.1:${await freePort(8700)}`;
      const unreachable = await cli(["verify", "clean.json", "--rpc", nobody]);
      expect(unreachable.code).toBe(3);
      expect(unreachable.stderr).toMatch(/cannot reach the chain/);
    },
    CLI_TEST_TIMEOUT,
  );
});

describe("trialproof verify-receipt", () => {
  it(
    "verifies a receipt and its record (exit 0) and fails once a proof digit is flipped (exit 1)",
    async () => {
      const anchoring = await withDatabase(async (database) => recordAnchoring(database, await storedLeaf(database, LOG, 2)));
      if (anchoring.status !== "anchored") throw new Error("record 2 should be anchored");
      await writeFile(path.join(work, "receipt.json"), JSON.stringify(anchoring.receipt));
      await writeFile(path.join(work, "record.json"), JSON.stringify(records[2]!.envelope));
      const ok = await cli(["verify-receipt", "receipt.json", "--rpc", ledger.url, "--envelope", "record.json", "--contract", ledger.contract]);
      expect(ok.stdout).toContain("RESULT: VERIFIED");
      expect(ok.stdout).not.toMatch(/^ {2}(FAIL|SKIP)/m);
      expect(ok.code).toBe(0);

      const proof = anchoring.receipt.proof;
      const flipped = {
        ...anchoring.receipt,
        proof: [proof[0]!.replace(/.$/, (c) => (c === "0" ? "1" : "0")) as Hex, ...proof.slice(1)],
      };
      await writeFile(path.join(work, "flipped.json"), JSON.stringify(flipped));
      const bad = await cli(["verify-receipt", "flipped.json", "--rpc", ledger.url, "--contract", ledger.contract]);
      expect(bad.code).toBe(1);
      expect(bad.stdout).toMatch(/^ {2}FAIL {2}Leaf is included in the tree the receipt names/m);
    },
    CLI_TEST_TIMEOUT,
  );
});
