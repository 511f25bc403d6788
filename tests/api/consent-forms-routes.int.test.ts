// The sponsor's consent form routes, called as Next calls them with real sessions on the demo world (the registered
// trial's active form cfv_demo0001): only the trial's own sponsor admins get past authorization (other roles and
// another sponsor's admin get 403 and write nothing), bad input is a 422 naming the field, an active version is never
// edited (409), and the whole journey (new version → edit → activate) works through the routes alone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { GET as listRoute, POST as createRoute } from "@/app/api/sponsor/trials/[trialId]/consent-forms/route";
import { GET as versionRoute, PUT as saveRoute } from "@/app/api/sponsor/trials/[trialId]/consent-forms/[formVersionId]/route";
import { POST as newVersionRoute } from "@/app/api/sponsor/trials/[trialId]/consent-forms/[formVersionId]/new-version/route";
import { POST as activationRoute } from "@/app/api/sponsor/trials/[trialId]/consent-forms/[formVersionId]/activation/route";
import type { Database } from "@/lib/db/open";
import { consentFormVersion, logEnvelope, membership, organization } from "@/lib/db/schema";
import { DEMO_CONSENT_FORM, DEMO_CONSENT_VERSION_ID } from "@/lib/db/seed/demo-consent";
import { DEMO_PERSONAS, DEMO_TRIAL } from "@/lib/db/seed/demo-data";
import { env } from "@/lib/env";
import { sessionCookie, signIn } from "@/lib/server/auth/auth-requests.test-helper";
import { PASSWORD, seedConsentWorld, TRIAL } from "@/lib/server/consent/consent.test-helper";
import { createPasswordUser } from "@/lib/server/users/create-password-user";
import { freshDatabase } from "@/lib/testing/fresh-database";

const ORIGIN = new URL(env().BETTER_AUTH_URL).origin;
type Who = "sponsor" | "investigator" | "participant1" | "regulator" | "admin" | "otherSponsor";
const cookies = {} as Record<Who, string>;
let database: Database;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ database, drop } = await freshDatabase());
  await seedConsentWorld(database);
  // A sponsor admin of another sponsor organization: a sponsor, just not this trial's.
  await database.insert(organization).values({ id: "org_othersponsor", name: "Other Sponsor", kind: "sponsor" });
  await database.transaction(async (tx) => {
    const { userId } = await createPasswordUser(tx, { name: "Otto Othersponsor", email: "other-sponsor@example.test", password: PASSWORD });
    await tx.insert(membership).values({ id: "mem_othersponsor", userId, organizationId: "org_othersponsor", role: "sponsor_admin" });
  });
  const emails: Record<Who, string> = {
    ...(Object.fromEntries(DEMO_PERSONAS.map((p) => [p.key, p.email])) as Record<Exclude<Who, "otherSponsor">, string>),
    otherSponsor: "other-sponsor@example.test",
  };
  let peer = 1;
  for (const who of Object.keys(emails) as Who[]) {
    const res = await signIn(emails[who], PASSWORD, { peer: `10.78.0.${peer++}` });
    if (res.status !== 200) throw new Error(`${who} could not sign in (${res.status})`);
    cookies[who] = sessionCookie(res);
  }
}, 120_000);
afterAll(async () => drop?.());

type Handler = (request: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Answer = {
  status: number;
  body: { error?: { code: string; message: string; fieldErrors?: Record<string, string[]> } } & Record<string, unknown>;
};
async function call(handler: Handler, method: string, params: Record<string, string>, who: Who, body?: unknown): Promise<Answer> {
  const path = `/api/sponsor/trials/${params.trialId}/consent-forms${params.formVersionId ? `/${params.formVersionId}` : ""}`;
  const res = await handler(
    new Request(`${ORIGIN}${path}`, {
      method,
      headers: { cookie: cookies[who], origin: ORIGIN, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
    { params: Promise.resolve(params) },
  );
  return { status: res.status, body: (await res.json()) as Answer["body"] };
}

const trial = { trialId: TRIAL.id };
const at = (formVersionId: string, trialId = TRIAL.id) => ({ trialId, formVersionId });
const draftBody = (over: Record<string, unknown> = {}) => ({
  protocolVersion: 1,
  language: "fr",
  title: "Information et consentement",
  content: DEMO_CONSENT_FORM.content,
  ...over,
});
const activation = {
  ethicsApproval: { committee: "Riverside Research Ethics Committee (demo)", reference: "REC-DEMO-0002/A1", approvalDate: "2026-11-20" },
  sites: "all",
};

const api = {
  list: (who: Who, trialId = TRIAL.id) => call(listRoute, "GET", { trialId }, who),
  create: (who: Who, body: unknown = draftBody()) => call(createRoute, "POST", trial, who, body),
  get: (who: Who, id: string, trialId = TRIAL.id) => call(versionRoute, "GET", at(id, trialId), who),
  save: (who: Who, id: string, body: unknown = draftBody(), trialId = TRIAL.id) => call(saveRoute, "PUT", at(id, trialId), who, body),
  newVersion: (who: Who, id: string, trialId = TRIAL.id) => call(newVersionRoute, "POST", at(id, trialId), who),
  activate: (who: Who, id: string, body: unknown = activation, trialId = TRIAL.id) => call(activationRoute, "POST", at(id, trialId), who, body),
};

async function written() {
  return {
    versions: (await database.select({ n: count() }).from(consentFormVersion))[0]!.n,
    log: (await database.select({ n: count() }).from(logEnvelope).where(eq(logEnvelope.logId, TRIAL.publicId)))[0]!.n,
  };
}

describe("sponsor consent form routes", () => {
  it("refuses every other role (403) and another sponsor's admin (403), writing nothing", async () => {
    const before = await written();
    for (const who of ["investigator", "participant1", "regulator", "admin", "otherSponsor"] as const) {
      const answers = [
        await api.list(who),
        await api.create(who),
        await api.get(who, DEMO_CONSENT_VERSION_ID),
        await api.save(who, DEMO_CONSENT_VERSION_ID),
        await api.newVersion(who, DEMO_CONSENT_VERSION_ID),
        await api.activate(who, DEMO_CONSENT_VERSION_ID),
      ];
      expect(
        answers.map((a) => a.status),
        who,
      ).toEqual([403, 403, 403, 403, 403, 403]);
    }
    expect(await written()).toEqual(before);
  });

  it("lists the versions with their state, sites, approval and how many participants signed", async () => {
    const { status, body } = await api.list("sponsor");
    expect(status).toBe(200);
    expect(body).toEqual([
      expect.objectContaining({
        id: DEMO_CONSENT_VERSION_ID,
        version: 1,
        state: "active",
        language: "en",
        sites: "all",
        signedCount: expect.any(Number),
      }),
    ]);
  });

  it("answers 422 naming the offending field, and writes nothing", async () => {
    const before = await written();
    const noAlt = {
      ...DEMO_CONSENT_FORM.content,
      sections: [{ title: "Video", body: "Watch", media: { url: "https://example.org/v.mp4", alt: "" } }],
    };
    const created = await api.create("sponsor", draftBody({ content: noAlt, language: "French" }));
    expect(created.status).toBe(422);
    expect(Object.keys(created.body.error!.fieldErrors!).sort()).toEqual(["content.sections.0.media.alt", "language"]);
    const strange = await api.create("sponsor", { ...draftBody(), trialId: DEMO_TRIAL.id });
    expect(strange.status).toBe(422);
    expect(Object.keys(strange.body.error!.fieldErrors!)).toEqual(["trialId"]);
    const badVersionId = await api.get("sponsor", "not-a-version");
    expect([badVersionId.status, Object.keys(badVersionId.body.error!.fieldErrors!)]).toEqual([422, ["formVersionId"]]);
    expect(await written()).toEqual(before);
  });

  it("answers 409 to editing or re-activating an active version", async () => {
    const before = await written();
    const saved = await api.save("sponsor", DEMO_CONSENT_VERSION_ID);
    expect(saved.status).toBe(409);
    expect(saved.body.error!.message).toMatch(/active and can no longer be edited: make a new version/);
    expect((await api.activate("sponsor", DEMO_CONSENT_VERSION_ID)).status).toBe(409);
    expect(await written()).toEqual(before);
  });

  it("answers 404 for a version named under another trial of the same sponsor", async () => {
    expect((await api.get("sponsor", DEMO_CONSENT_VERSION_ID, DEMO_TRIAL.id)).status).toBe(404);
    expect((await api.save("sponsor", DEMO_CONSENT_VERSION_ID, draftBody(), DEMO_TRIAL.id)).status).toBe(404);
    expect((await api.newVersion("sponsor", DEMO_CONSENT_VERSION_ID, DEMO_TRIAL.id)).status).toBe(404);
    expect((await api.activate("sponsor", DEMO_CONSENT_VERSION_ID, activation, DEMO_TRIAL.id)).status).toBe(404);
    expect((await api.get("sponsor", "cfv_doesnotexist")).status).toBe(404);
  });

  it("makes a new version, saves the draft, refuses a second draft, activates it and lists it as active", async () => {
    const next = await api.newVersion("sponsor", DEMO_CONSENT_VERSION_ID);
    expect(next.status).toBe(201);
    const id = next.body.id as string;
    expect(next.body).toMatchObject({ version: 2 });
    expect((await api.newVersion("sponsor", DEMO_CONSENT_VERSION_ID)).status).toBe(409);

    const content = { ...DEMO_CONSENT_FORM.content, sections: [{ title: "Pourquoi cette étude ?", body: "Nous voulons savoir…" }] };
    expect((await api.save("sponsor", id, draftBody({ content }))).status).toBe(200);
    const read = await api.get("sponsor", id);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ isLatest: true, version: { state: "draft", language: "fr", content: { sections: content.sections } } });
    expect((await api.get("sponsor", DEMO_CONSENT_VERSION_ID)).body).toMatchObject({ isLatest: false });

    // The activation's own checks name their field too.
    const badDate = await api.activate("sponsor", id, {
      ...activation,
      ethicsApproval: { ...activation.ethicsApproval, approvalDate: "2026-02-30" },
    });
    expect([badDate.status, Object.keys(badDate.body.error!.fieldErrors!)]).toEqual([422, ["ethicsApproval.approvalDate"]]);
    const stranger = await api.activate("sponsor", id, { ...activation, sites: ["org_nosuchsite"] });
    expect([stranger.status, Object.keys(stranger.body.error!.fieldErrors!)]).toEqual([422, ["sites"]]);

    const activated = await api.activate("sponsor", id);
    expect(activated.status).toBe(200);
    expect(activated.body).toMatchObject({ formVersionId: id, version: 2 });
    expect((await api.save("sponsor", id, draftBody())).status).toBe(409);
    const listed = (await api.list("sponsor")).body as unknown as { id: string; state: string; ethicsApproval: unknown }[];
    expect(listed.find((v) => v.id === id)).toMatchObject({ state: "active", ethicsApproval: activation.ethicsApproval });
  });

  it("creates a new form as a draft (version 1) in the trial named by the path", async () => {
    const created = await api.create("sponsor", draftBody({ language: "es" }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ version: 1 });
    const [row] = await database
      .select()
      .from(consentFormVersion)
      .where(eq(consentFormVersion.id, created.body.id as string));
    expect(row).toMatchObject({ trialId: TRIAL.id, state: "draft", language: "es" });
  });
});
