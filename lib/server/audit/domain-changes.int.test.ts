// Every domain change, performed through its real use case, leaves exactly one audit row and one log record, written
// by one transaction (same xmin) and naming each other; a use case made to fail after its append leaves neither.
// Protocol versions are confirmed against a real Hardhat chain (the sponsor's own transactions).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, gt, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/open";
import { rowsOf } from "@/lib/db/rows";
import { auditEvent, log, membership, organization, session, trialSite } from "@/lib/db/schema";
import { seedDemo } from "@/lib/db/seed/seed-demo";
import { writeChainBinding } from "@/lib/runtime/chain-binding";
import { changeRole } from "@/lib/server/admin/change-role";
import { signIn } from "@/lib/server/auth/auth-requests.test-helper";
import type { Viewer } from "@/lib/server/auth/viewer";
import { addTrialSite } from "@/lib/server/protocols/add-trial-site";
import { amendProtocol } from "@/lib/server/protocols/amend-protocol";
import { assignTrialRegulator } from "@/lib/server/protocols/assign-trial-regulator";
import { changeTrialStatus } from "@/lib/server/protocols/change-trial-status";
import { confirmProtocolOnChain } from "@/lib/server/protocols/confirm-protocol-on-chain";
import { inviteSiteInvestigator } from "@/lib/server/protocols/invite-site-investigator";
import { completeProtocol, sponsorSends } from "@/lib/server/protocols/protocol-registration.test-helper";
import { registerProtocol } from "@/lib/server/protocols/register-protocol";
import { saveProtocolDraft } from "@/lib/server/protocols/save-protocol-draft";
import { freshDatabase } from "@/lib/testing/fresh-database";
import { startTestLedger, type TestLedger } from "@/lib/testing/test-ledger";
import { viewerFor } from "@/lib/testing/viewer";

const PASSWORD = "a long enough password";
const TRIAL = { id: "tri_demo0001", publicId: "TP-2026-0001" };
const SPONSOR_ATTRIBUTION = {
  actorUserId: "usr_demosponsor",
  actorRole: "sponsor_admin",
  actorOrganizationId: "org_demosponsor",
};

let database: Database;
let drop: () => Promise<void>;
let ledger: TestLedger;
let sponsor: Viewer;
let admin: Viewer;

beforeAll(async () => {
  [{ database, drop }, ledger] = await Promise.all([freshDatabase(), startTestLedger()]);
  process.env.RPC_URL = ledger.url;
  process.env.CHAIN_ID = "31337";
  delete process.env.ANCHORER_PRIVATE_KEY;
  await writeChainBinding(database, {
    chainId: 31337,
    ledgerAddress: ledger.contract,
    deployBlockNumber: "0",
    deployBlockHash: `0x${"0".repeat(64)}`,
  });
  await seedDemo(
    database,
    Object.fromEntries(["sponsor", "investigator", "participant1", "participant2", "regulator", "admin"].map((k) => [k, PASSWORD])),
    31337,
  );
  await database.insert(organization).values({ id: "org_site02", name: "Lakeside Research Clinic", kind: "site" });
  // The demo sponsor's wallet is the ledger's sponsor account (local dev account 1).
  sponsor = { ...(await viewerFor(database, "usr_demosponsor")), wallets: [ledger.sponsor.account.address] };
  admin = await viewerFor(database, "usr_demoadmin");
});
afterAll(async () => {
  await drop();
  await ledger?.stop();
});

interface NewRow {
  logId: string;
  idx: number;
  kind: string;
  xid: string;
}

/** Runs `change` and returns the audit rows and log records it added (and the transaction each was written in). */
async function observe<T>(change: () => Promise<T>) {
  const [{ maxId }] = rowsOf<{ maxId: number }>(await database.execute(sql`select coalesce(max(id), 0)::int as "maxId" from audit_event`)) as [
    { maxId: number },
  ];
  const sizes = new Map((await database.select({ id: log.id, size: log.size }).from(log)).map((l) => [l.id, l.size]));
  const result = await change();
  const audits = await database.select().from(auditEvent).where(gt(auditEvent.id, maxId)).orderBy(auditEvent.id);
  const auditXids = rowsOf<{ id: number; xid: string }>(
    await database.execute(sql`select id::int as id, xmin::text as xid from audit_event where id > ${maxId}`),
  );
  const leaves = rowsOf<NewRow>(
    await database.execute(sql`select log_id as "logId", idx::int as idx, kind, xmin::text as xid from log_leaf order by log_id, idx`),
  ).filter((l) => l.idx >= (sizes.get(l.logId) ?? 0));
  return { result, audits: audits.map((a) => ({ ...a, xid: auditXids.find((x) => x.id === a.id)!.xid })), leaves };
}

/** Exactly one audit row per new record and one record per audit row, of the expected kinds, each pair written together. */
function expectPaired(observed: Awaited<ReturnType<typeof observe>>, kinds: string[]) {
  expect(observed.audits.map((a) => a.kind)).toEqual(kinds);
  expect(observed.leaves).toHaveLength(kinds.length);
  for (const audit of observed.audits) {
    const leaf = observed.leaves.find((l) => l.logId === audit.logId && l.idx === audit.logIndex);
    expect(leaf, `the record of audit row ${audit.id}`).toBeDefined();
    expect(leaf!.kind).toBe(audit.kind);
    expect(leaf!.xid).toBe(audit.xid);
  }
}

/** Makes every insert into `table` (matching `when`) fail, for the duration of `run`: a fault after the append. */
async function withFault<T>(
  table: "audit_event" | "membership" | "trial_site" | "protocol_version",
  when: string,
  run: () => Promise<T>,
): Promise<T> {
  await database.$asOwner(async (owner) => {
    await owner.execute(
      sql.raw(
        `create or replace function test_injected_fault() returns trigger language plpgsql as $$ begin raise exception 'injected fault'; end $$`,
      ),
    );
    await owner.execute(
      sql.raw(`create trigger test_injected_fault after insert on ${table} for each row ${when} execute function test_injected_fault()`),
    );
  });
  try {
    return await run();
  } finally {
    await database.$asOwner((owner) => owner.execute(sql.raw(`drop trigger test_injected_fault on ${table}`)));
  }
}

async function expectNothingWritten(run: () => Promise<unknown>) {
  const observed = await observe(() =>
    run().then(
      () => "accepted",
      () => "refused",
    ),
  );
  expect(observed.result).toBe("refused");
  expect(observed.audits).toEqual([]);
  expect(observed.leaves).toEqual([]);
}

describe("each domain change has one audit row and one record, written together", () => {
  it("sign-in", async () => {
    const ok = await observe(() => signIn("sponsor@demo.trialproof.test", PASSWORD, { peer: "10.7.0.1" }));
    expect(ok.result.status).toBe(200);
    expectPaired(ok, ["auth.signed_in"]);
    expect(ok.audits[0]).toMatchObject({ ...SPONSOR_ATTRIBUTION, logId: "portal" });

    const sessions = async () => (await database.select().from(session).where(eq(session.userId, "usr_demoregulator"))).length;
    const before = await sessions();
    await expectNothingWritten(async () => {
      const res = await withFault("audit_event", "when (new.kind = 'auth.signed_in')", () =>
        signIn("regulator@demo.trialproof.test", PASSWORD, { peer: "10.7.0.2" }),
      );
      // The sign-in must be refused: a session without its audit row is what this guards against.
      if (res.status !== 200) throw new Error(`sign-in refused (${res.status})`);
    });
    expect(await sessions()).toBe(before);
  });

  it("role change", async () => {
    const grant = {
      userId: "usr_demoregulator",
      organizationId: "org_demosite",
      role: "investigator",
      change: "grant",
      reason: "Covering a site audit",
    } as const;
    await expectNothingWritten(() => withFault("audit_event", "", () => changeRole(admin, grant)));
    expect(
      await database
        .select()
        .from(membership)
        .where(and(eq(membership.userId, "usr_demoregulator"), eq(membership.role, "investigator"))),
    ).toEqual([]);

    const ok = await observe(() => changeRole(admin, grant));
    expectPaired(ok, ["role.changed"]);
    expect(ok.audits[0]).toMatchObject({
      actorUserId: "usr_demoadmin",
      actorRole: "platform_admin",
      actorOrganizationId: "org_demoplatform",
      logId: "portal",
    });
  });

  it("site investigator invited (the site joins the trial with it)", async () => {
    const ok = await observe(() => inviteSiteInvestigator(sponsor, TRIAL.id, { siteOrgId: "org_demosite", email: "new.investigator@example.test" }));
    expectPaired(ok, ["trial.site_added", "auth.invitation_created"]);
    for (const audit of ok.audits) expect(audit).toMatchObject({ ...SPONSOR_ATTRIBUTION, trialId: TRIAL.id, logId: TRIAL.publicId });
    expect(ok.audits[1]!.body).toMatchObject({ role: "investigator", organizationId: "org_demosite" });
  });

  it("site added", async () => {
    await expectNothingWritten(() => withFault("trial_site", "", () => addTrialSite(sponsor, TRIAL.id, { siteOrgId: "org_site02" })));
    expect(await database.select().from(trialSite).where(eq(trialSite.siteOrgId, "org_site02"))).toEqual([]);
    const ok = await observe(() => addTrialSite(sponsor, TRIAL.id, { siteOrgId: "org_site02" }));
    expectPaired(ok, ["trial.site_added"]);
    expect(ok.audits[0]).toMatchObject({
      ...SPONSOR_ATTRIBUTION,
      logId: TRIAL.publicId,
      logIndex: ok.result.leafIndex,
    });
  });

  it("regulator assigned", async () => {
    await expectNothingWritten(() => withFault("audit_event", "", () => assignTrialRegulator(sponsor, TRIAL.id, { userId: "usr_demoregulator" })));
    const ok = await observe(() => assignTrialRegulator(sponsor, TRIAL.id, { userId: "usr_demoregulator" }));
    expectPaired(ok, ["trial.regulator_assigned"]);
    expect(ok.audits[0]).toMatchObject({ ...SPONSOR_ATTRIBUTION, logId: TRIAL.publicId });
  });

  it("protocol registered: the record and its audit row when the chain confirms it", async () => {
    await saveProtocolDraft(sponsor, TRIAL.id, { data: completeProtocol() });
    const prepared = await observe(() => registerProtocol(sponsor, TRIAL.id));
    expectPaired(prepared, []);
    const txHash = await sponsorSends(ledger, "registerTrial", TRIAL.publicId, prepared.result.protocolHash);
    await expectNothingWritten(() => withFault("protocol_version", "", () => confirmProtocolOnChain(sponsor, TRIAL.id, { txHash })));
    const ok = await observe(() => confirmProtocolOnChain(sponsor, TRIAL.id, { txHash }));
    expectPaired(ok, ["protocol.version"]);
    expect(ok.audits[0]).toMatchObject({ ...SPONSOR_ATTRIBUTION, logId: TRIAL.publicId });
  });

  it("status changed", async () => {
    const ok = await observe(() => changeTrialStatus(sponsor, TRIAL.id, { status: "recruiting" }));
    expectPaired(ok, ["protocol.status"]);
    expect(ok.audits[0]).toMatchObject({
      ...SPONSOR_ATTRIBUTION,
      logId: TRIAL.publicId,
      logIndex: ok.result.leafIndex,
    });
  });

  it("protocol amended", async () => {
    await saveProtocolDraft(sponsor, TRIAL.id, { data: completeProtocol({ targetSampleSize: "160" }) });
    const prepared = await observe(() => amendProtocol(sponsor, TRIAL.id, { reason: "Power calculation revised" }));
    expectPaired(prepared, []);
    const txHash = await sponsorSends(ledger, "amendProtocol", TRIAL.publicId, prepared.result.protocolHash);
    const ok = await observe(() => confirmProtocolOnChain(sponsor, TRIAL.id, { txHash }));
    expectPaired(ok, ["protocol.version"]);
    expect(ok.audits[0]).toMatchObject({ ...SPONSOR_ATTRIBUTION, logId: TRIAL.publicId });
  });

  it("afterwards every record of every log has exactly one audit row", async () => {
    const [row] = rowsOf<{ leaves: number; unaudited: number; audits: number }>(
      await database.execute(sql`
        select (select count(*)::int from log_leaf) as leaves,
               (select count(*)::int from log_leaf l where not exists (select 1 from audit_event a where a.log_id = l.log_id and a.log_index = l.idx)) as unaudited,
               (select count(*)::int from audit_event) as audits`),
    );
    expect(row!.leaves).toBeGreaterThan(0);
    expect(row!.unaudited).toBe(0);
    expect(row!.audits).toBe(row!.leaves);
  });
});
