import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, eq, sql } from "drizzle-orm";
import {
  bytesToHex,
  canonicalize,
  consistencyProof,
  inclusionProof,
  leafHash,
  rootFromLeafHashes,
  verifyConsistency,
  verifyInclusion,
  type Hex,
} from "@/lib/integrity";
import type { Database } from "@/lib/db/open";
import { log, logEnvelope, logLeaf } from "@/lib/db/schema";
import { rejectionMessage } from "@/lib/testing/db-errors";
import { freshDatabase } from "@/lib/testing/fresh-database";
import { appendRecord, appendRecords, type RecordInput } from "./append-records";
import { consistencyProofFromDb, inclusionProofFromDb, rootAtSizeFromDb } from "./read-proofs";

let database: Database;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ database, drop } = await freshDatabase());
});
afterAll(async () => drop());

const signIn = (i: number): RecordInput => ({
  kind: "auth.signed_in",
  actor: { role: "investigator", id: `usr_test${String(i).padStart(4, "0")}` },
  body: { method: "password" },
});

async function storedLeafHashes(logId: string): Promise<Hex[]> {
  const rows = await database.select().from(logLeaf).where(eq(logLeaf.logId, logId)).orderBy(asc(logLeaf.idx));
  return rows.map((r) => bytesToHex(r.leafHash));
}

describe("append", () => {
  it("stores dense indexes, the envelope's JCS leaf hash, and the head's root", async () => {
    const first = await appendRecord(database, "portal", signIn(0));
    expect(first.index).toBe(0);
    const more = await appendRecords(
      database,
      "portal",
      Array.from({ length: 40 }, (_, i) => signIn(i + 1)),
    );
    expect(more.map((r) => r.index)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    const leaves = await storedLeafHashes("portal");
    expect(leaves).toHaveLength(41);
    const envelopes = await database.select().from(logEnvelope).where(eq(logEnvelope.logId, "portal")).orderBy(asc(logEnvelope.idx));
    envelopes.forEach((e, i) => expect(leafHash(canonicalize(e.envelope))).toBe(leaves[i]));
    expect((envelopes[0]!.envelope as { salt: string }).salt).toMatch(/^[0-9a-f]{64}$/);
    const [head] = await database.select().from(log).where(eq(log.id, "portal"));
    expect(head!.size).toBe(41);
    expect(bytesToHex(head!.rootHash)).toBe(rootFromLeafHashes(leaves));
  });

  it("rolls back with the caller's transaction: no record without its domain change", async () => {
    const before = (await storedLeafHashes("portal")).length;
    await expect(
      database.transaction(async (tx) => {
        await appendRecord(tx, "portal", signIn(99));
        throw new Error("domain write failed");
      }),
    ).rejects.toThrow("domain write failed");
    expect(await storedLeafHashes("portal")).toHaveLength(before);
    // and the next append still gets the next dense index
    expect((await appendRecord(database, "portal", signIn(100))).index).toBe(before);
  });

  it("refuses a record that does not match its kind's schema, writing nothing", async () => {
    const before = (await storedLeafHashes("portal")).length;
    await expect(appendRecord(database, "portal", { ...signIn(1), body: { method: "telepathy" } })).rejects.toThrow();
    expect(await storedLeafHashes("portal")).toHaveLength(before);
  });
});

describe("proofs from stored subtrees", () => {
  it("equal the in-memory RFC 9162 proofs for every index and size", async () => {
    const leaves = await storedLeafHashes("portal");
    const n = leaves.length;
    for (let size = 1; size <= n; size += 7) {
      const root = await rootAtSizeFromDb(database, "portal", size);
      expect(root).toBe(rootFromLeafHashes(leaves.slice(0, size)));
      for (let index = 0; index < size; index += 3) {
        const proof = await inclusionProofFromDb(database, "portal", index, size);
        expect(proof).toEqual(inclusionProof(leaves.slice(0, size), index));
        expect(verifyInclusion(leaves[index]!, index, size, proof, root)).toBe(true);
      }
      const c = await consistencyProofFromDb(database, "portal", Math.max(1, size - 5), n);
      if (size - 5 >= 1 && size - 5 < n) {
        expect(c).toEqual(consistencyProof(leaves, size - 5));
        expect(verifyConsistency(size - 5, n, rootFromLeafHashes(leaves.slice(0, size - 5)), rootFromLeafHashes(leaves), c)).toBe(true);
      }
    }
  });
});

describe("the log cannot be rewritten", () => {
  const attacks = {
    "update a leaf hash": sql`update log_leaf set leaf_hash = '\\x00'::bytea where idx = 0`,
    "delete a leaf": sql`delete from log_leaf where idx = 1`,
    // CASCADE: audit rows reference their leaf, and a plain TRUNCATE would stop at that foreign key before the
    // append-only trigger is reached. The trigger must refuse even when the referencing tables go too.
    "truncate leaves": sql`truncate log_leaf cascade`,
    "edit an envelope": sql`update log_envelope set envelope = '{}'::jsonb where idx = 0`,
    "delete an envelope": sql`delete from log_envelope where idx = 0`,
    "update a subtree": sql`update log_node set hash = '\\x00'::bytea where level = 0 and idx = 0`,
    "delete subtrees": sql`delete from log_node`,
    "shrink the head": sql`update log set size = 1 where id = 'portal'`,
  };
  for (const [what, statement] of Object.entries(attacks)) {
    it(`refuses to ${what}, as the app role and as the owner`, async () => {
      const before = await storedLeafHashes("portal");
      expect(await rejectionMessage(database.execute(statement))).toMatch(/permission denied|append-only|may only grow/);
      expect(await rejectionMessage(database.$asOwner((o) => o.execute(statement)))).toMatch(/append-only|may only grow/);
      expect(await storedLeafHashes("portal")).toEqual(before);
    });
  }

  it("lawful erasure removes the envelope and salt but keeps the leaf hash", async () => {
    const rec = await appendRecord(database, "portal", { ...signIn(5), subject: "ppt_erase0001" });
    const rows = await database.execute(sql`select trialproof_erase_subject('ppt_erase0001') as n`);
    expect(JSON.stringify(rows)).toContain("1");
    expect(
      await database
        .select()
        .from(logEnvelope)
        .where(sql`idx = ${rec.index} and log_id = 'portal'`),
    ).toHaveLength(0);
    expect((await storedLeafHashes("portal"))[rec.index]).toBe(rec.leafHash);
  });
});
