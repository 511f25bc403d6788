// Tenant isolation, attacked through the exported route handlers with real sessions: two sponsors whose trials share
// one site organization (two-sponsors.test-helper.ts). Every cross-tenant read and write is refused (403 or 404) and
// writes nothing; for logs, "no access" answers exactly as "does not exist" (status and body), so a caller cannot
// learn which trials have logs. Each refusal sits next to the same call by someone entitled, which succeeds.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { GET as bundleRoute } from "@/app/api/logs/[logId]/bundle/route";
import { GET as receiptRoute } from "@/app/api/logs/[logId]/records/[index]/receipt/route";
import { GET as verificationRoute } from "@/app/api/logs/[logId]/verification/route";
import { POST as invitationsRoute } from "@/app/api/invitations/route";
import { GET as participantRecordRoute } from "@/app/api/participant/record/route";
import { GET as rosterRoute } from "@/app/api/site/roster/route";
import { GET as sponsorTrialRoute } from "@/app/api/sponsor/trials/[trialId]/route";
import { POST as regulatorsRoute } from "@/app/api/sponsor/trials/[trialId]/regulators/route";
import { POST as siteInvitationsRoute } from "@/app/api/sponsor/trials/[trialId]/site-invitations/route";
import type { Database } from "@/lib/db/open";
import { auditEvent, invitation, logLeaf, membership, participant, trialRegulator, trialSite, trialSiteInvestigator, user } from "@/lib/db/schema";
import { writeChainBinding } from "@/lib/runtime/chain-binding";
import { freshDatabase } from "@/lib/testing/fresh-database";
import { buildTwoSponsors, ORIGIN, SITE, type Person, type TwoSponsors } from "./two-sponsors.test-helper";

let database: Database;
let drop: () => Promise<void>;
let w: TwoSponsors;

beforeAll(async () => {
  ({ database, drop } = await freshDatabase());
  w = await buildTwoSponsors(database);
}, 120_000);
afterAll(async () => drop?.());

type Handler = (request: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const call = (handler: Handler, path: string, params: Record<string, string>, who: Person, body?: unknown) =>
  handler(
    new Request(`${ORIGIN}${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { cookie: w.cookies[who], origin: ORIGIN, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
    { params: Promise.resolve(params) },
  );
const api = {
  bundle: (who: Person, logId: string) => call(bundleRoute, `/api/logs/${logId}/bundle`, { logId }, who),
  verification: (who: Person, logId: string) => call(verificationRoute, `/api/logs/${logId}/verification`, { logId }, who),
  receipt: (who: Person, logId: string, index: number) =>
    call(receiptRoute, `/api/logs/${logId}/records/${index}/receipt`, { logId, index: String(index) }, who),
  roster: (who: Person) => call(rosterRoute, "/api/site/roster", {}, who),
  invite: (who: Person, trialId: string, siteOrgId = SITE) =>
    call(invitationsRoute, "/api/invitations", {}, who, { email: "probe@two-sponsors.test", trialId, siteOrgId }),
  sponsorTrial: (who: Person, trialId: string) => call(sponsorTrialRoute, `/api/sponsor/trials/${trialId}`, { trialId }, who),
  inviteInvestigator: (who: Person, trialId: string) =>
    call(siteInvitationsRoute, `/api/sponsor/trials/${trialId}/site-invitations`, { trialId }, who, {
      siteOrgId: SITE,
      email: "intruder@two-sponsors.test",
    }),
  assignRegulator: (who: Person, trialId: string) =>
    call(regulatorsRoute, `/api/sponsor/trials/${trialId}/regulators`, { trialId }, who, { userId: w.users.RA }),
  participantRecord: (who: Person) => call(participantRecordRoute, "/api/participant/record", {}, who),
};

const answer = async (res: Response) => ({ status: res.status, body: await res.text() });
const NO_SUCH_LOG = "TP-1999-0001";
const EVERYONE: Person[] = ["SA", "SB", "IA", "IB", "RA", "PA", "PB", "admin"];

/** Row counts of every table a refused call could have written to. */
async function footprint(): Promise<Record<string, number>> {
  const tables = {
    invitation,
    auditEvent,
    trialSite,
    trialRegulator,
    trialSiteInvestigator,
    membership,
    user,
    participant,
    logLeaf,
  };
  const counts: Record<string, number> = {};
  for (const [name, table] of Object.entries(tables)) counts[name] = (await database.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;
  return counts;
}

describe("trial logs: only the trial's sponsor admins, its assigned regulators (once registered) and platform admins", () => {
  const readers = () =>
    ({
      [w.TA.publicId]: ["SA", "RA", "admin"],
      [w.TB.publicId]: ["SB", "admin"],
      [w.TD.publicId]: ["SA", "admin"],
    }) as Record<string, Person[]>;

  // Before the database is bound to a chain: an entitled caller gets past authorization to "not bound yet" (409).
  it("verification: entitled callers reach the check; everyone else gets what a log that does not exist gets", async () => {
    for (const [logId, entitled] of Object.entries(readers())) {
      for (const who of EVERYONE) {
        const got = await answer(await api.verification(who, logId));
        if (entitled.includes(who)) expect(got.status, `${who} → ${logId}`).toBe(409);
        else {
          expect([403, 404], `${who} → ${logId}`).toContain(got.status);
          expect(got, `${who} → ${logId}`).toEqual(await answer(await api.verification(who, NO_SUCH_LOG)));
        }
      }
    }
  });

  it("audit bundles: the same, and RA's assignment to a draft gives nothing until it is registered", async () => {
    await writeChainBinding(database, {
      chainId: 31337,
      ledgerAddress: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
      deployBlockNumber: "1",
      deployBlockHash: `0x${"ab".repeat(32)}`,
    });
    for (const [logId, entitled] of Object.entries(readers())) {
      for (const who of EVERYONE) {
        const res = await api.bundle(who, logId);
        if (entitled.includes(who) && logId === w.TD.publicId) {
          // A draft is not registered on chain: an entitled caller is told there is nothing to prove it against.
          const got = await answer(res);
          expect(got.status, `${who} → ${logId}`).toBe(409);
          expect(got.body).toMatch(/is not registered on chain yet/);
        } else if (entitled.includes(who)) {
          expect(res.status, `${who} → ${logId}`).toBe(200);
          expect(((await res.json()) as { trial: { publicId: string } }).trial.publicId).toBe(logId);
        } else {
          const got = await answer(res);
          expect([403, 404], `${who} → ${logId}`).toContain(got.status);
          expect(got, `${who} → ${logId}`).toEqual(await answer(await api.bundle(who, NO_SUCH_LOG)));
        }
      }
    }
    // A regulator (RA) and another sponsor (SB) are told exactly what they would be told about a log that does not exist.
    expect((await api.bundle("RA", w.TB.publicId)).status).toBe(404);
    expect((await api.bundle("RA", w.TD.publicId)).status).toBe(404);
    expect((await api.bundle("SB", w.TA.publicId)).status).toBe(404);
  });

  it("receipts: besides the whole-log readers, only the participant the record is about; the log's length stays hidden", async () => {
    const cases = [
      { logId: w.TA.publicId, index: w.PA.record, entitled: ["SA", "RA", "admin", "PA"] as Person[] },
      { logId: w.TB.publicId, index: w.PB.record, entitled: ["SB", "admin", "PB"] as Person[] },
    ];
    for (const { logId, index, entitled } of cases) {
      for (const who of EVERYONE) {
        const got = await answer(await api.receipt(who, logId, index));
        // Nothing is anchored in this database: an entitled reader learns the record awaits its anchor.
        if (entitled.includes(who)) expect(got.status, `${who} → ${logId}/${index}`).toBe(409);
        else {
          expect([403, 404], `${who} → ${logId}/${index}`).toContain(got.status);
          expect(got, `${who} → ${logId}/${index}`).toEqual(await answer(await api.receipt(who, NO_SUCH_LOG, index)));
          expect(got, `${who} → ${logId}/99999`).toEqual(await answer(await api.receipt(who, logId, 99_999)));
        }
      }
    }
  });
});

describe("site rosters and participant invitations: an investigator sees and acts only in the trials assigned to them", () => {
  it("each roster holds its own trial's participants and invitations, and nothing of the other sponsor's trial", async () => {
    for (const [who, own, other] of [
      ["IA", "TA", "TB"],
      ["IB", "TB", "TA"],
    ] as const) {
      const res = await api.roster(who);
      expect(res.status).toBe(200);
      const text = await res.text();
      const roster = JSON.parse(text) as {
        assignments: { publicId: string }[];
        participants: { id: string }[];
        invitations: { email: string }[];
      };
      const mine = own === "TA" ? w.PA : w.PB;
      const theirs = own === "TA" ? w.PB : w.PA;
      expect(roster.assignments.map((a) => a.publicId)).toEqual([w[own].publicId]);
      expect(roster.participants.map((p) => p.id)).toEqual([mine.id]);
      expect(roster.invitations.map((i) => i.email).sort()).toEqual(w.emails[own].slice(1).sort());
      for (const leak of [theirs.id, w[other].publicId, w[other].id, ...w.emails[other]]) expect(text, `${who} sees ${leak}`).not.toContain(leak);
    }
    for (const who of ["SA", "SB", "RA", "PA", "PB", "admin"] as const) expect((await api.roster(who)).status, who).toBe(403);
  });

  it("an investigator cannot invite into another trial at the shared site, nor learn whether a trial id exists", async () => {
    const before = await footprint();
    const refusals = [
      await answer(await api.invite("IA", w.TB.id)),
      await answer(await api.invite("IB", w.TA.id)),
      await answer(await api.invite("IA", w.TD.id)),
      await answer(await api.invite("IA", w.TA.id, "org_sponsora")),
    ];
    const unknown = await answer(await api.invite("IA", "tri_nosuchtrial"));
    for (const refused of refusals) expect(refused).toEqual(unknown);
    expect(unknown.status).toBe(403);
    for (const who of ["SA", "SB", "RA", "PA", "admin"] as const) expect((await api.invite(who, w.TA.id)).status, who).toBe(403);
    expect(await footprint()).toEqual(before);
    expect((await api.invite("IA", w.TA.id)).status).toBe(201);
  });
});

describe("sponsor trials: read and write only one's own", () => {
  it("the other sponsor's trial can be neither read nor changed, and nothing is written", async () => {
    const before = await footprint();
    for (const [who, theirs] of [
      ["SA", w.TB.id],
      ["SB", w.TA.id],
      ["SB", w.TD.id],
    ] as const) {
      expect([403, 404]).toContain((await api.sponsorTrial(who, theirs)).status);
      // Sponsor A cannot create an investigator at the shared site for a trial that is not A's.
      expect([403, 404]).toContain((await api.inviteInvestigator(who, theirs)).status);
      expect([403, 404]).toContain((await api.assignRegulator(who, theirs)).status);
    }
    for (const who of ["IA", "IB", "RA", "PA", "PB", "admin"] as const) {
      expect((await api.sponsorTrial(who, w.TA.id)).status, who).toBe(403);
      expect((await api.inviteInvestigator(who, w.TA.id)).status, who).toBe(403);
      expect((await api.assignRegulator(who, w.TB.id)).status, who).toBe(403);
    }
    expect(await footprint()).toEqual(before);
    expect((await api.sponsorTrial("SA", w.TA.id)).status).toBe(200);
    expect((await api.sponsorTrial("SB", w.TB.id)).status).toBe(200);
  });
});

describe("participant records", () => {
  it("each participant reads their own enrolment (trial and site), no one else's", async () => {
    for (const [who, pseudonym, t] of [
      ["PA", w.PA.id, w.TA],
      ["PB", w.PB.id, w.TB],
    ] as const) {
      const res = await api.participantRecord(who);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ id: pseudonym, trialPublicId: t.publicId, siteName: "Shared Site" });
    }
    for (const who of ["SA", "IA", "RA", "admin"] as const) expect((await api.participantRecord(who)).status, who).toBe(403);
  });
});
