// The embedded demo under trial-scoped access: the demo investigator works on TP-2026-0002 at the demo site, the demo
// participants are enrolled in it, and the demo regulator reads it because, and only while, they are assigned to it.
// Requests go through the exported route handlers with real sessions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { GET as bundleRoute } from "@/app/api/logs/[logId]/bundle/route";
import { GET as receiptRoute } from "@/app/api/logs/[logId]/records/[index]/receipt/route";
import { GET as participantRecordRoute } from "@/app/api/participant/record/route";
import { GET as rosterRoute } from "@/app/api/site/roster/route";
import type { Database } from "@/lib/db/open";
import { trialRegulator } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { writeChainBinding } from "@/lib/runtime/chain-binding";
import { sessionCookie, signIn } from "@/lib/server/auth/auth-requests.test-helper";
import { listAssignedTrials } from "@/lib/server/regulators/list-assigned-trials";
import { freshDatabase } from "@/lib/testing/fresh-database";
import { viewerFor } from "@/lib/testing/viewer";
import { DEMO_ORGS, DEMO_PERSONAS, DEMO_REGISTERED_TRIAL, DEMO_TRIAL } from "./demo-data";
import { confirmDemoProtocol, seedDemoTrialLog } from "./demo-trial-log";
import { seedDemo } from "./seed-demo";

const PASSWORD = "demo-password-for-tests";
const ORIGIN = new URL(env().BETTER_AUTH_URL).origin;
const REGISTERED = DEMO_REGISTERED_TRIAL.publicId;
let database: Database;
let drop: () => Promise<void>;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  ({ database, drop } = await freshDatabase());
  await seedDemo(database, Object.fromEntries(DEMO_PERSONAS.map((p) => [p.key, PASSWORD])), 31337);
  await seedDemoTrialLog(database);
  // Stands in for the demo sponsor's registerTrial transaction and the chain the embedded demo is bound to.
  await confirmDemoProtocol(database, {
    txHash: `0x${"12".repeat(32)}`,
    blockNumber: 2n,
    blockTimestamp: new Date(),
    sender: DEMO_PERSONAS[0]!.wallet!,
  });
  await writeChainBinding(database, {
    chainId: 31337,
    ledgerAddress: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
    deployBlockNumber: "1",
    deployBlockHash: `0x${"ab".repeat(32)}`,
  });
  let peer = 1;
  for (const p of DEMO_PERSONAS) {
    const res = await signIn(p.email, PASSWORD, { peer: `10.78.0.${peer++}` });
    if (res.status !== 200) throw new Error(`${p.key} could not sign in (${res.status})`);
    cookies[p.key] = sessionCookie(res);
  }
}, 120_000);
afterAll(async () => drop?.());

type Handler = (request: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const get = (handler: Handler, path: string, params: Record<string, string>, who: string) =>
  handler(new Request(`${ORIGIN}${path}`, { headers: { cookie: cookies[who]! } }), { params: Promise.resolve(params) });
const bundle = (who: string, logId: string) => get(bundleRoute, `/api/logs/${logId}/bundle`, { logId }, who);
const receipt = (who: string, logId: string, index: number) =>
  get(receiptRoute, `/api/logs/${logId}/records/${index}/receipt`, { logId, index: String(index) }, who);
const answer = async (res: Response) => ({ status: res.status, body: await res.text() });

describe("the demo regulator", () => {
  it("reads the registered demo trial they are assigned to, and not the unassigned draft", async () => {
    expect((await listAssignedTrials(await viewerFor(database, "usr_demoregulator"))).map((t) => t.publicId)).toEqual([REGISTERED]);
    expect((await bundle("regulator", REGISTERED)).status).toBe(200);
    const draft = await answer(await bundle("regulator", DEMO_TRIAL.publicId));
    expect(draft.status).toBe(404);
    expect(draft).toEqual(await answer(await bundle("regulator", "TP-1999-0001")));
  });

  it("assigned to nothing, gets for TP-2026-0002 exactly what a trial that does not exist gets", async () => {
    await database
      .delete(trialRegulator)
      .where(and(eq(trialRegulator.trialId, DEMO_REGISTERED_TRIAL.id), eq(trialRegulator.userId, "usr_demoregulator")));
    expect(await listAssignedTrials(await viewerFor(database, "usr_demoregulator"))).toEqual([]);
    const refused = await answer(await bundle("regulator", REGISTERED));
    expect(refused.status).toBe(404);
    expect(refused).toEqual(await answer(await bundle("regulator", "TP-1999-0001")));
    expect(await answer(await receipt("regulator", REGISTERED, 0))).toEqual(await answer(await receipt("regulator", "TP-1999-0001", 0)));
    // The sponsor still reads it: the refusal is the regulator's missing assignment, not the trial.
    expect((await bundle("sponsor", REGISTERED)).status).toBe(200);
  });
});

describe("the demo site", () => {
  it("the investigator's roster is the demo trial at the demo site, with the demo participants enrolled in it", async () => {
    const res = await get(rosterRoute, "/api/site/roster", {}, "investigator");
    expect(res.status).toBe(200);
    const roster = (await res.json()) as {
      assignments: { publicId: string; siteOrgId: string }[];
      participants: { id: string; publicId: string }[];
    };
    expect(roster.assignments).toEqual([expect.objectContaining({ publicId: REGISTERED, siteOrgId: DEMO_ORGS.site.id })]);
    expect(roster.participants.map((p) => [p.id, p.publicId]).sort()).toEqual([
      ["ppt_demoparticipant1", REGISTERED],
      ["ppt_demoparticipant2", REGISTERED],
    ]);
  });

  it("a demo participant's record names the demo trial and site", async () => {
    const res = await get(participantRecordRoute, "/api/participant/record", {}, "participant1");
    expect(await res.json()).toMatchObject({
      id: "ppt_demoparticipant1",
      trialPublicId: REGISTERED,
      siteName: DEMO_ORGS.site.name,
    });
  });
});
