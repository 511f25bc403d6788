// Upgrading a database written before enrolments named their trial (migrations 0011–0013): participants and pending
// invitations of a site in exactly one trial are enrolled there, investigators keep the trial their accepted
// invitation named and nothing else, and a participant the data cannot place stops the upgrade with a message
// instead of being guessed into some trial.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertLocal } from "@/lib/testing/fresh-database";
import { migrationsFolder } from "./open";

/** The last migration before enrolments named their trial. */
const BEFORE = "0010_protocol_preparation";

interface Engine {
  migrate(folder: string): Promise<void>;
  exec(statement: string): Promise<void>;
  rows<T>(statement: string): Promise<T[]>;
  close(): Promise<void>;
}

async function blankEngine(): Promise<Engine> {
  const base = process.env.DATABASE_URL;
  if (base) {
    assertLocal(base);
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    const name = `tp_it_enrol_${Date.now()}_${randomBytes(4).toString("hex")}`;
    const admin = postgres(base, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE "${name}"`);
    const url = new URL(base);
    url.pathname = `/${name}`;
    const client = postgres(url.toString(), { max: 1, onnotice: () => {} });
    return {
      migrate: (folder) => migrate(drizzle(client), { migrationsFolder: folder }),
      exec: async (statement) => void (await client.unsafe(statement)),
      rows: async <T>(statement: string) => (await client.unsafe(statement)) as unknown as T[],
      close: async () => {
        await client.end({ timeout: 5 });
        await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const client = await PGlite.create("memory://");
  return {
    migrate: (folder) => migrate(drizzle(client), { migrationsFolder: folder }),
    exec: async (statement) => void (await client.exec(statement)),
    rows: async <T>(statement: string) => (await client.query<T>(statement)).rows,
    close: () => client.close(),
  };
}

/** A copy of the migrations folder that ends at `last`. */
function migrationsUpTo(last: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "tp-migrations-"));
  cpSync(migrationsFolder, dir, { recursive: true });
  const journalPath = path.join(dir, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: { tag: string }[] };
  const end = journal.entries.findIndex((e) => e.tag === last);
  if (end < 0) throw new Error(`no migration ${last}`);
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, end + 1) }));
  return dir;
}

let engine: Engine;
let before: string;

beforeAll(async () => {
  engine = await blankEngine();
  before = migrationsUpTo(BEFORE);
  await engine.migrate(before);
  // Site one takes part in one trial, site two in two.
  await engine.exec(`
    INSERT INTO organization (id, name, kind) VALUES ('org_s', 'Sponsor', 'sponsor'), ('org_one', 'Site one', 'site'), ('org_two', 'Site two', 'site');
    INSERT INTO "user" (id, name, email) VALUES ('usr_sp', 'S', 's@x.test'), ('usr_inv', 'I', 'i@x.test'), ('usr_p1', 'P1', 'p1@x.test'), ('usr_p2', 'P2', 'p2@x.test');
    INSERT INTO trial (id, public_id, title, sponsor_org_id, created_by) VALUES
      ('tri_1', 'TP-2020-0001', 'One', 'org_s', 'usr_sp'), ('tri_2', 'TP-2020-0002', 'Two', 'org_s', 'usr_sp'), ('tri_3', 'TP-2020-0003', 'Three', 'org_s', 'usr_sp');
    INSERT INTO trial_site (trial_id, site_org_id, leaf_index, created_by) VALUES ('tri_1', 'org_one', 0, 'usr_sp'), ('tri_2', 'org_two', 0, 'usr_sp'), ('tri_3', 'org_two', 0, 'usr_sp');
    INSERT INTO membership (id, user_id, organization_id, role) VALUES ('mem_inv', 'usr_inv', 'org_one', 'investigator');
    INSERT INTO participant (id, user_id, site_org_id) VALUES ('ppt_1', 'usr_p1', 'org_one'), ('ppt_2', 'usr_p2', 'org_two');
    INSERT INTO invitation (id, token_hash, email, role, organization_id, trial_id, status, invited_by, expires_at, accepted_user_id) VALUES
      ('inv_inv', 'h1', 'i@x.test', 'investigator', 'org_one', 'tri_1', 'accepted', 'usr_sp', now() + interval '1 day', 'usr_inv'),
      ('inv_one', 'h2', 'n1@x.test', 'participant', 'org_one', NULL, 'pending', 'usr_inv', now() + interval '1 day', NULL),
      ('inv_two', 'h3', 'n2@x.test', 'participant', 'org_two', NULL, 'pending', 'usr_inv', now() + interval '1 day', NULL);
  `);
}, 120_000);
afterAll(async () => {
  rmSync(before, { recursive: true, force: true });
  await engine?.close();
});

describe(`upgrading legacy enrolments (${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"})`, () => {
  it("stops, naming the problem, while a participant's site takes part in several trials, and changes nothing", async () => {
    const error = await engine.migrate(migrationsFolder).then(
      () => null,
      (e: unknown) => e as Error,
    );
    const message = [error?.message, (error?.cause as Error | undefined)?.message].join(" ");
    expect(message).toMatch(/1 participant\(s\) are enrolled at a site that takes part in no trial or in several/);
    expect(await engine.rows(`SELECT id, trial_id FROM participant ORDER BY id`)).toEqual([
      { id: "ppt_1", trial_id: null },
      { id: "ppt_2", trial_id: null },
    ]);
  });

  it("once a person has placed that participant, enrols the rest in their site's only trial and keeps investigators to their invited trial", async () => {
    await engine.exec(`UPDATE participant SET trial_id = 'tri_3' WHERE id = 'ppt_2'`);
    await engine.migrate(migrationsFolder);
    expect(await engine.rows(`SELECT id, trial_id FROM participant ORDER BY id`)).toEqual([
      { id: "ppt_1", trial_id: "tri_1" },
      { id: "ppt_2", trial_id: "tri_3" },
    ]);
    // A pending invitation of site two stays without a trial (two candidates): accepting it is refused.
    expect(await engine.rows(`SELECT id, trial_id FROM invitation WHERE role = 'participant' ORDER BY id`)).toEqual([
      { id: "inv_one", trial_id: "tri_1" },
      { id: "inv_two", trial_id: null },
    ]);
    expect(await engine.rows(`SELECT trial_id, site_org_id, user_id, invitation_id FROM trial_site_investigator`)).toEqual([
      { trial_id: "tri_1", site_org_id: "org_one", user_id: "usr_inv", invitation_id: "inv_inv" },
    ]);
    // From now on an enrolment must name a trial of its site.
    const refused = await engine
      .exec(`INSERT INTO participant (id, user_id, site_org_id, trial_id) VALUES ('ppt_x', 'usr_sp', 'org_one', 'tri_2')`)
      .then(
        () => null,
        (e: unknown) => e as Error,
      );
    expect(refused?.message).toMatch(/participant_trial_site_fk/);
  });
});
