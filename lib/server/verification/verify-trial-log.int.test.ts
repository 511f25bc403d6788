// verifyTrialLog against a real chain: each attack on the stored log, made as a database superuser would make
// it (append-only triggers switched off first), is reported with its own verdict on exactly the records touched.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql, type SQL } from "drizzle-orm";
import { canonicalize, leafHash, type Verdict } from "@/lib/integrity";
import type { Database } from "@/lib/db/open";
import { rowsOf } from "@/lib/db/rows";
import { freshDatabase } from "@/lib/testing/fresh-database";
import { anchorDirectlyForTest, createTrialForTest, registerTrialOnChainForTest, startTestLedger, type TestLedger } from "@/lib/testing/test-ledger";
import { appendRecords, type RecordInput } from "@/lib/server/log/append-records";
import { verifyTrialLog, type TrialLogVerification } from "./verify-trial-log";

let database: Database;
let drop: () => Promise<void>;
let ledger: TestLedger;

beforeAll(async () => {
  [{ database, drop }, ledger] = await Promise.all([freshDatabase(), startTestLedger()]);
});
afterAll(async () => {
  await Promise.all([drop?.(), ledger?.stop()]);
});

const RECORDS = 18;
const CHECKPOINTS = [4, 8, 12, 16];
let trialSeq = 100;

const investigator = { role: "investigator" as const, id: "usr_investigator1" };

/** A registered trial with RECORDS records, checkpointed on chain at CHECKPOINTS (records 16 and 17 unanchored). */
async function anchoredTrial(checkpoints = CHECKPOINTS): Promise<{ logId: string; subjects: string[] }> {
  const logId = `TP-2026-${String(++trialSeq).padStart(4, "0")}`;
  await createTrialForTest(database, logId);
  const subjects = ["ppt_alpha" + trialSeq, "ppt_bravo" + trialSeq, "ppt_charlie" + trialSeq];
  const inputs: RecordInput[] = [
    {
      kind: "protocol.version",
      actor: { role: "sponsor", id: "usr_sponsor01" },
      body: { version: 1, protocol: { publicTitle: logId } },
    },
    ...Array.from({ length: RECORDS - 1 }, (_, i): RecordInput => ({
      kind: "outcome.recorded",
      actor: investigator,
      subject: subjects[i % 3],
      body: {
        measure: "systolic_bp",
        value: String(120 + i),
        unit: "mm[Hg]",
        visit: "baseline",
        observedAt: "2026-09-01T08:00:00.000Z",
      },
    })),
  ];
  const appended = await appendRecords(database, logId, inputs);
  await registerTrialOnChainForTest(ledger, logId, appended[0]!.leafHash, { database });
  for (const size of checkpoints) await anchorDirectlyForTest(database, ledger, logId, size);
  return { logId, subjects };
}

const APPEND_ONLY_TRIGGERS = [
  ["log_leaf", "log_leaf_no_update_delete"],
  ["log_leaf", "log_leaf_no_truncate"],
  ["log_envelope", "log_envelope_no_update"],
  ["log_envelope", "log_envelope_no_truncate"],
  ["log_envelope", "log_envelope_delete_only_by_erasure"],
] as const;

/** Runs statements as the database owner with the log's append-only triggers off, as a superuser attacker would. */
async function tamper(statements: SQL[]): Promise<void> {
  await database.$asOwner(async (owner) => {
    await owner.execute(sql`alter table log_leaf disable trigger user`);
    await owner.execute(sql`alter table log_envelope disable trigger user`);
    try {
      for (const statement of statements) await owner.execute(statement);
    } finally {
      // Back to "always" mode, trigger by trigger (ENABLE ALWAYS takes a trigger name, not USER).
      for (const [table, trigger] of APPEND_ONLY_TRIGGERS) await owner.execute(sql.raw(`alter table ${table} enable always trigger ${trigger}`));
    }
  });
}

/** Index → verdict for every record that is not plainly ok. */
function nonOk(result: TrialLogVerification): Record<number, Verdict> {
  return Object.fromEntries(result.report.records.filter((r) => r.verdict !== "ok").map((r) => [r.index, r.verdict]));
}

const UNANCHORED = { 16: "unanchored", 17: "unanchored" } as const;

describe("verifyTrialLog", () => {
  it("passes an untouched log; records after the last checkpoint are unanchored, not failures", async () => {
    const { logId } = await anchoredTrial();
    const result = await verifyTrialLog(database, logId, ledger.reader);
    expect(result.report.reasons).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.latest.treeSize).toBe(16);
    expect(result.history.map((h) => h.treeSize)).toEqual(CHECKPOINTS);
    expect(result.report.rootMatches).toBe(true);
    expect(result.report.provenPrefix).toBe(16);
    expect(nonOk(result)).toEqual(UNANCHORED);
    expect(result.report.records).toHaveLength(RECORDS);
  });

  it("an envelope field edited in SQL: exactly that record is modified", async () => {
    const { logId } = await anchoredTrial();
    await tamper([sql`update log_envelope set envelope = jsonb_set(envelope, '{body,value}', '"99"') where log_id = ${logId} and idx = 6`]);
    const result = await verifyTrialLog(database, logId, ledger.reader);
    expect(result.ok).toBe(false);
    expect(nonOk(result)).toEqual({ 6: "modified", ...UNANCHORED });
    expect(result.report.reasons.join("\n")).toMatch(/#6 \(outcome\.recorded\): modified/);
  });

  it("a leaf row and its envelope deleted: that index is missing", async () => {
    const { logId } = await anchoredTrial();
    await tamper([sql`delete from log_envelope where log_id = ${logId} and idx = 5`, sql`delete from log_leaf where log_id = ${logId} and idx = 5`]);
    const result = await verifyTrialLog(database, logId, ledger.reader);
    expect(result.ok).toBe(false);
    const verdicts = nonOk(result);
    expect(verdicts[5]).toBe("missing");
    expect(result.report.counts.missing).toBe(1);
    // Everything before the last checkpoint preceding the gap is still proven.
    for (let i = 0; i < 4; i++) expect(result.report.records[i]!.verdict).toBe("ok");
    expect(result.report.provenPrefix).toBe(4);
    expect(result.report.counts.modified + result.report.counts.inserted + result.report.counts.reordered).toBe(0);
  });

  it("a forged record inserted and the later ones shifted up: that record is inserted, the rest still ok", async () => {
    const { logId, subjects } = await anchoredTrial();
    const forged = {
      v: 1,
      kind: "outcome.recorded",
      trial: logId,
      at: "2026-09-02T08:00:00.000Z",
      actor: investigator,
      subject: subjects[0],
      body: {
        measure: "systolic_bp",
        value: "118",
        unit: "mm[Hg]",
        visit: "week_4",
        observedAt: "2026-09-02T08:00:00.000Z",
      },
      salt: "ab".repeat(32),
    };
    const forgedHash = Buffer.from(leafHash(canonicalize(forged)).slice(2), "hex");
    await tamper([
      // Two steps, so that no intermediate row collides with the primary key.
      sql`update log_leaf set idx = idx + 1000 where log_id = ${logId} and idx >= 5`,
      sql`update log_leaf set idx = idx - 999 where log_id = ${logId} and idx >= 1000`,
      sql`update log_envelope set idx = idx + 1000 where log_id = ${logId} and idx >= 5`,
      sql`update log_envelope set idx = idx - 999 where log_id = ${logId} and idx >= 1000`,
      sql`insert into log_leaf (log_id, idx, leaf_hash, kind, subject, at) values (${logId}, 5, ${forgedHash}, 'outcome.recorded', ${subjects[0]}, now())`,
      sql`insert into log_envelope (log_id, idx, envelope) values (${logId}, 5, ${JSON.stringify(forged)}::jsonb)`,
    ]);
    const result = await verifyTrialLog(database, logId, ledger.reader);
    expect(result.ok).toBe(false);
    const inserted = result.report.records.filter((r) => r.verdict === "inserted");
    expect(inserted.map((r) => [r.listedIndex, r.leafHash])).toEqual([[5, leafHash(canonicalize(forged))]]);
    // The genuine records, renumbered, are judged where they belong.
    const failing = result.report.records.filter((r) => !["ok", "unanchored", "inserted"].includes(r.verdict));
    expect(failing).toEqual([]);
    expect(result.report.counts.ok).toBe(16);
  });

  it("two records swapped (rows, hashes and all): both are reordered, nothing else", async () => {
    const { logId } = await anchoredTrial();
    await tamper([
      sql`update log_leaf set idx = 1009 where log_id = ${logId} and idx = 9`,
      sql`update log_leaf set idx = 9 where log_id = ${logId} and idx = 10`,
      sql`update log_leaf set idx = 10 where log_id = ${logId} and idx = 1009`,
      sql`update log_envelope set idx = 1009 where log_id = ${logId} and idx = 9`,
      sql`update log_envelope set idx = 9 where log_id = ${logId} and idx = 10`,
      sql`update log_envelope set idx = 10 where log_id = ${logId} and idx = 1009`,
    ]);
    const result = await verifyTrialLog(database, logId, ledger.reader);
    expect(result.ok).toBe(false);
    expect(nonOk(result)).toEqual({ 9: "reordered", 10: "reordered", ...UNANCHORED });
  });

  it("a record rewritten together with its stored leaf hash: the log no longer matches the chain, narrowed to the checkpoints around it", async () => {
    const { logId } = await anchoredTrial();
    await tamper([sql`update log_envelope set envelope = jsonb_set(envelope, '{body,value}', '"99"') where log_id = ${logId} and idx = 6`]);
    const [row] = rowsOf<{ envelope: Record<string, unknown> }>(
      await database.execute(sql`select envelope from log_envelope where log_id = ${logId} and idx = 6`),
    );
    const rewritten = Buffer.from(leafHash(canonicalize(row!.envelope)).slice(2), "hex");
    await tamper([sql`update log_leaf set leaf_hash = ${rewritten} where log_id = ${logId} and idx = 6`]);

    const result = await verifyTrialLog(database, logId, ledger.reader);
    expect(result.ok).toBe(false);
    expect(result.report.rootMatches).toBe(false);
    // Checkpoints 4 and 8 bound the change: [0, 4) stays proven, nothing from 4 on can be.
    expect(result.report.changedRange).toEqual({ start: 4, end: 8 });
    expect(result.report.provenPrefix).toBe(4);
    const reasons = result.report.reasons.join("\n");
    expect(reasons).toMatch(/give root 0x[0-9a-f]{64}, the chain has/);
    expect(reasons).toMatch(/leaves \[4, 8\)/);
    for (let i = 0; i < 4; i++) expect(result.report.records[i]!.verdict).toBe("ok");
    for (let i = 4; i < 16; i++) expect(result.report.records[i]!.verdict).toBe("unverified");
  });

  it("with a checkpoint on each side of the rewritten record, it is singled out as modified", async () => {
    const { logId } = await anchoredTrial([4, 6, 7, 12, 16]);
    await tamper([sql`update log_envelope set envelope = jsonb_set(envelope, '{body,value}', '"99"') where log_id = ${logId} and idx = 6`]);
    const [row] = rowsOf<{ envelope: Record<string, unknown> }>(
      await database.execute(sql`select envelope from log_envelope where log_id = ${logId} and idx = 6`),
    );
    await tamper([
      sql`update log_leaf set leaf_hash = ${Buffer.from(leafHash(canonicalize(row!.envelope)).slice(2), "hex")} where log_id = ${logId} and idx = 6`,
    ]);
    const result = await verifyTrialLog(database, logId, ledger.reader);
    expect(result.report.changedRange).toEqual({ start: 6, end: 7 });
    expect(result.report.records[6]!.verdict).toBe("modified");
    for (let i = 0; i < 6; i++) expect(result.report.records[i]!.verdict).toBe("ok");
  });

  it("lawful erasure of a participant: their records are redacted and the log still verifies", async () => {
    const { logId, subjects } = await anchoredTrial();
    await database.execute(sql`select trialproof_erase_subject(${subjects[1]!})`);
    const result = await verifyTrialLog(database, logId, ledger.reader);
    expect(result.report.reasons).toEqual([]);
    expect(result.ok).toBe(true);
    // Records 1..17 cycle through the three subjects; subject[1] is on records 2, 5, 8, 11, 14, 17.
    const redacted = result.report.records.filter((r) => r.verdict === "redacted").map((r) => r.index);
    expect(redacted).toEqual([2, 5, 8, 11, 14, 17]);
    expect(result.report.records.filter((r) => r.verdict === "redacted" && r.index < 16).every((r) => r.proven)).toBe(true);
    expect(nonOk(result)).toEqual({
      2: "redacted",
      5: "redacted",
      8: "redacted",
      11: "redacted",
      14: "redacted",
      16: "unanchored",
      17: "redacted",
    });
  });

  it("the tampering above left the append-only triggers on, in always mode", async () => {
    const rows = await database.$asOwner((owner) =>
      owner.execute(
        sql`select tgname, tgenabled from pg_trigger where tgrelid in ('log_leaf'::regclass, 'log_envelope'::regclass) and not tgisinternal`,
      ),
    );
    const list = rowsOf<{ tgname: string; tgenabled: string }>(rows);
    expect(list.map((r) => r.tgname).sort()).toEqual(APPEND_ONLY_TRIGGERS.map(([, t]) => t).sort());
    expect(list.every((r) => r.tgenabled === "A")).toBe(true);
  });

  it("does not take the database's word for anchoring: a checkpoint row the chain never saw fails the log", async () => {
    const { logId } = await anchoredTrial();
    // The tamperer fakes a newer confirmed checkpoint covering everything, so the bundle claims size 18.
    await database.$asOwner(async (owner) => {
      await owner.execute(sql`insert into anchor_batch (id, status, chain_id, contract, anchorer, nonce, tx_hash, raw_tx, block_number)
        values ('anb_forged', 'confirmed', 31337, ${ledger.contract}, '0x0', 0, ${"0x" + "11".repeat(32)}, '0x', 1)`);
      await owner.execute(
        sql`insert into checkpoint (log_id, tree_size, root_hash, batch_id) values (${logId}, 18, ${Buffer.alloc(32, 7)}, 'anb_forged')`,
      );
    });
    const result = await verifyTrialLog(database, logId, ledger.reader);
    expect(result.ok).toBe(false);
    expect(result.report.reasons.join("\n")).toMatch(/states a checkpoint of size 18, but the chain checkpoint is only at size 16/);
  });
});
