// The one path for domain changes: a record and the audit row naming it, in the caller's transaction; and the
// database holding every audit row to its record whatever the application does.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq, sql } from "drizzle-orm";
import { buildEnvelope, envelopeLeafHash, randomSalt } from "@/lib/integrity";
import type { Database } from "@/lib/db/open";
import { rowsOf } from "@/lib/db/rows";
import { auditEvent, log, logEnvelope, logLeaf } from "@/lib/db/schema";
import { seedDemo } from "@/lib/db/seed/seed-demo";
import { seedDemoTrialLog } from "@/lib/db/seed/demo-trial-log";
import { rejectionMessage } from "@/lib/testing/db-errors";
import { freshDatabase } from "@/lib/testing/fresh-database";
import { PORTAL_ACTOR, type AuditActor } from "./actor";
import { recordDomainChange, recordDomainChanges, type DomainChange } from "./record-domain-change";

let database: Database;
let drop: () => Promise<void>;

const TRIAL = { id: "tri_demo0001", publicId: "TP-2026-0001" };
const SPONSOR: AuditActor = {
  userId: "usr_demosponsor",
  role: "sponsor_admin",
  organizationId: "org_demosponsor",
  wallet: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
};

beforeAll(async () => {
  ({ database, drop } = await freshDatabase());
  await seedDemo(
    database,
    Object.fromEntries(["sponsor", "investigator", "participant1", "participant2", "regulator", "admin"].map((k) => [k, "a long enough password"])),
    31337,
  );
});
afterAll(async () => drop());

const auditRows = async () => (await database.select({ n: count() }).from(auditEvent))[0]!.n;
const leaves = async () => (await database.select({ n: count() }).from(logLeaf))[0]!.n;
const sizeOf = async (logId: string) => (await database.select({ size: log.size }).from(log).where(eq(log.id, logId)))[0]?.size ?? 0;
const record = (tx: Parameters<Parameters<Database["transaction"]>[0]>[0], actor: AuditActor, change: DomainChange) =>
  recordDomainChange(tx, actor, change);

describe("recordDomainChange", () => {
  it("writes the record in the trial's log and one audit row naming it, attributed, at the record's UTC instant", async () => {
    const written = await database.transaction((tx) =>
      record(tx, SPONSOR, {
        kind: "trial.site_added",
        trial: TRIAL,
        body: { siteId: "org_demosite", name: "Riverside Clinical Research Site" },
      }),
    );
    const [row] = await database.select().from(auditEvent).where(eq(auditEvent.id, written.auditId));
    expect(row).toMatchObject({
      kind: "trial.site_added",
      actorUserId: "usr_demosponsor",
      actorRole: "sponsor_admin",
      actorOrganizationId: "org_demosponsor",
      trialId: TRIAL.id,
      logId: TRIAL.publicId,
      logIndex: written.index,
    });
    expect(row!.at.toISOString()).toBe(written.envelope.at);
    const [stored] = await database
      .select()
      .from(logEnvelope)
      .where(and(eq(logEnvelope.logId, TRIAL.publicId), eq(logEnvelope.idx, written.index)));
    // The record is pseudonymous: a role, the user id and the signing wallet; no organization, no portal role name.
    expect(stored!.envelope).toMatchObject({
      kind: "trial.site_added",
      trial: TRIAL.publicId,
      actor: { role: "sponsor", id: "usr_demosponsor", wallet: SPONSOR.wallet!.toLowerCase() },
    });
    expect(JSON.stringify(stored!.envelope)).not.toContain("org_demosponsor");
    // Same transaction: PostgreSQL stamps every row with the id of the transaction that inserted it.
    const [xmins] = rowsOf<{ audit: string; leaf: string }>(
      await database.execute(sql`select (select xmin::text from audit_event where id = ${written.auditId}) as audit,
                                        (select xmin::text from log_leaf where log_id = ${TRIAL.publicId} and idx = ${written.index}) as leaf`),
    );
    expect(xmins!.audit).toBe(xmins!.leaf);
  });

  it("keeps operational detail (attempted email, client address) in the audit row and out of the portal log", async () => {
    const written = await database.transaction((tx) =>
      record(tx, PORTAL_ACTOR, {
        kind: "auth.sign_in_failed",
        body: { method: "password", reason: "bad_credentials" },
        details: { attemptedEmail: "someone@example.test" },
        ipAddress: "203.0.113.7",
      }),
    );
    const [row] = await database.select().from(auditEvent).where(eq(auditEvent.id, written.auditId));
    expect(row).toMatchObject({
      logId: "portal",
      actorUserId: null,
      ipAddress: "203.0.113.7",
      body: { attemptedEmail: "someone@example.test" },
    });
    const text = JSON.stringify(written.envelope);
    expect(text).not.toContain("someone@example.test");
    expect(text).not.toContain("203.0.113.7");
    expect(written.envelope.actor).toEqual({ role: "system", id: "sys_portal" });
  });

  it("a change that fails after its append leaves neither the record nor the audit row", async () => {
    const [audit, leaf, size] = [await auditRows(), await leaves(), await sizeOf(TRIAL.publicId)];
    await expect(
      database.transaction(async (tx) => {
        await record(tx, SPONSOR, {
          kind: "protocol.status",
          trial: TRIAL,
          body: { status: "suspended", reason: "Safety review" },
        });
        throw new Error("the change itself failed");
      }),
    ).rejects.toThrow("the change itself failed");
    expect([await auditRows(), await leaves(), await sizeOf(TRIAL.publicId)]).toEqual([audit, leaf, size]);
  });

  it("refuses a body its kind does not allow, writing nothing", async () => {
    const [audit, leaf] = [await auditRows(), await leaves()];
    const bad = { kind: "protocol.status", trial: TRIAL, body: { status: "suspended" } } as DomainChange; // a reason is required
    await expect(database.transaction((tx) => record(tx, SPONSOR, bad))).rejects.toThrow();
    await expect(database.transaction((tx) => record(tx, SPONSOR, { kind: "no.such_kind", body: {} } as never))).rejects.toThrow();
    expect([await auditRows(), await leaves()]).toEqual([audit, leaf]);
  });

  it("appends a prepared envelope exactly as built, and refuses one that is not the change", async () => {
    const envelope = buildEnvelope({
      kind: "protocol.status",
      trial: TRIAL.publicId,
      actor: { role: "sponsor", id: "usr_demosponsor" },
      body: { status: "recruiting" },
      at: "2026-11-21T10:15:30.123Z",
      salt: randomSalt(),
    });
    const written = await database.transaction((tx) =>
      record(tx, SPONSOR, { kind: "protocol.status", trial: TRIAL, body: envelope.body, prepared: envelope }),
    );
    expect(written.leafHash).toBe(envelopeLeafHash(envelope));
    const [audit, leaf] = [await auditRows(), await leaves()];
    await expect(
      database.transaction((tx) =>
        record(tx, SPONSOR, {
          kind: "protocol.status",
          trial: TRIAL,
          body: { status: "completed" },
          prepared: envelope,
        }),
      ),
    ).rejects.toThrow(/not this change/);
    expect([await auditRows(), await leaves()]).toEqual([audit, leaf]);
  });

  it("writes large batches (several audit statements) with one audit row per record, and keeps a batch to one log", async () => {
    const [audit, size] = [await auditRows(), await sizeOf("portal")];
    const many = Array.from({ length: 2_050 }, (_, i) => ({
      actor: {
        userId: `usr_batch${String(i).padStart(5, "0")}`,
        role: "participant" as const,
        organizationId: "org_demosite",
      },
      change: { kind: "auth.signed_in", body: { method: "password" } } as DomainChange,
    }));
    const written = await database.transaction((tx) => recordDomainChanges(tx, many));
    expect(written.map((w) => w.index)).toEqual(many.map((_, i) => size + i));
    expect(new Set(written.map((w) => w.auditId)).size).toBe(many.length);
    expect(await auditRows()).toBe(audit + many.length);
    const mixed = [
      many[0]!,
      {
        actor: SPONSOR,
        change: { kind: "protocol.status", trial: TRIAL, body: { status: "recruiting" } } as DomainChange,
      },
    ];
    await expect(database.transaction((tx) => recordDomainChanges(tx, mixed))).rejects.toThrow(/same log/);
  });
});

describe("the database holds every audit row to its record", () => {
  const insert = (values: Record<string, unknown>) =>
    database.execute(sql`insert into audit_event (kind, actor_user_id, log_id, log_index, body)
                         values (${values.kind as string}, 'usr_intruder01', ${(values.logId as string | null) ?? null}, ${(values.logIndex as number | null) ?? null}, '{}'::jsonb)`);

  it("refuses an audit row that names no record", async () => {
    const before = await auditRows();
    expect(await rejectionMessage(insert({ kind: "role.changed" }))).toMatch(/audit_event_names_its_record/);
    expect(await auditRows()).toBe(before);
  });

  it("refuses an audit row naming a record that does not exist", async () => {
    expect(await rejectionMessage(insert({ kind: "role.changed", logId: "portal", logIndex: 999_999 }))).toMatch(/audit_event_record_fk/);
  });

  it("refuses a second audit row for one record, even from the owner", async () => {
    const [first] = await database.select().from(auditEvent).where(eq(auditEvent.logId, "portal")).limit(1);
    const statement = sql`insert into audit_event (kind, log_id, log_index, body) values (${first!.kind}, 'portal', ${first!.logIndex}, '{}'::jsonb)`;
    expect(await rejectionMessage(database.execute(statement))).toMatch(/audit_event_record_uq/);
    expect(await rejectionMessage(database.$asOwner((owner) => owner.execute(statement)))).toMatch(/audit_event_record_uq/);
  });

  it("refuses re-pointing an audit row at another record (app role: no privilege; owner: trigger)", async () => {
    const statement = sql`update audit_event set log_index = log_index + 1`;
    expect(await rejectionMessage(database.execute(statement))).toMatch(/permission denied/);
    expect(await rejectionMessage(database.$asOwner((owner) => owner.execute(statement)))).toMatch(/append-only/);
  });
});

describe("the demo seed", () => {
  it("writes every seeded record with its audit row, attributed to the seeded actor", async () => {
    const { records } = await seedDemoTrialLog(database);
    const [row] = rowsOf<{ leaves: number; audited: number; mismatched: number }>(
      await database.execute(sql`
        select count(*)::int as leaves,
               count(a.id)::int as audited,
               count(*) filter (where a.kind is distinct from l.kind or a.actor_user_id is distinct from e.envelope->'actor'->>'id')::int as mismatched
          from log_leaf l
          join log_envelope e on e.log_id = l.log_id and e.idx = l.idx
          left join audit_event a on a.log_id = l.log_id and a.log_index = l.idx
         where l.log_id = 'TP-2026-0002'`),
    );
    expect(row).toEqual({ leaves: records, audited: records, mismatched: 0 });
  });
});
