// The site's consent routes, attacked through the exported handlers with real sessions: an investigator of another
// site of the trial, or of another trial at the same site, can neither see nor countersign the demo site's consents
// (403), a participant cannot call them, a second countersignature is a conflict, a missing description of an "other"
// identity check is a 422 naming the field, and a wrong password is refused without writing anything.
import { describe, expect, it } from "vitest";
import { hashPassword } from "better-auth/crypto";
import { account, membership, trialSite, trialSiteInvestigator, user } from "@/lib/db/schema";
import { GET as consentsRoute } from "@/app/api/site/consents/route";
import { POST as countersignRoute } from "@/app/api/site/consents/countersignatures/route";
import { DEMO_ORGS, DEMO_PERSONAS, DEMO_TRIAL } from "@/lib/db/seed/demo-data";
import { signConsent } from "@/lib/server/consent/sign-consent";
import { submitKnowledgeCheck } from "@/lib/server/consent/submit-knowledge-check";
import { consentWorldForThisFile, DEMO_CHOICES, PASSWORD, RIGHT_ANSWERS, writtenCounts } from "@/lib/server/consent/consent.test-helper";
import { viewerFor } from "@/lib/testing/viewer";
import type { SiteConsentsResult } from "@/lib/api/results";
import { callRoute, cookieOf, fieldsOf, type ErrorBody } from "./route-calls.test-helper";

const world = consentWorldForThisFile();
const emailOf = (key: string) => DEMO_PERSONAS.find((p) => p.key === key)!.email;
const call = (handler: Parameters<typeof callRoute>[0], path: string, cookie: string, body?: unknown) => callRoute(handler, path, cookie, { body });

describe("/api/site/consents and /api/site/consents/countersignatures", () => {
  let signatureId = "";
  const cookies: Record<"investigator" | "other" | "otherTrial" | "participant", string> = {
    investigator: "",
    other: "",
    otherTrial: "",
    participant: "",
  };
  const countersign = (who: keyof typeof cookies, over: Record<string, unknown> = {}) =>
    call(countersignRoute, "/api/site/consents/countersignatures", cookies[who], {
      signatureId,
      identityCheck: "in_person_id",
      printedName: "Ivan Investigator",
      password: PASSWORD,
      email: emailOf("investigator"),
      ...over,
    });

  it("lists the signature awaiting countersignature for the demo site's investigator only", async () => {
    const pat = await viewerFor(world.database, "usr_demoparticipant1");
    await submitKnowledgeCheck(pat, { formVersionId: "cfv_demo0001", answers: RIGHT_ANSWERS });
    ({ signatureId } = await signConsent(pat, {
      formVersionId: "cfv_demo0001",
      choices: DEMO_CHOICES,
      printedName: "Pat Participant",
      password: PASSWORD,
      email: emailOf("participant1"),
    }));
    cookies.investigator = await cookieOf(emailOf("investigator"), PASSWORD);
    cookies.other = await cookieOf("usr_otherinv@example.test", PASSWORD);
    cookies.participant = await cookieOf(emailOf("participant1"), PASSWORD);
    // An investigator of the demo site assigned to the sponsor's other trial there, not to the registered one.
    await world.database.transaction(async (tx) => {
      const id = "usr_othertrialinv";
      await tx.insert(user).values({ id, name: "Otto Othertrial", email: `${id}@example.test`, emailVerified: true });
      await tx
        .insert(account)
        .values({ id: `acc_${id}`, accountId: id, providerId: "credential", userId: id, password: await hashPassword(PASSWORD) });
      await tx.insert(membership).values({ id: `mem_${id}`, userId: id, organizationId: DEMO_ORGS.site.id, role: "investigator" });
      await tx
        .insert(trialSite)
        .values({ trialId: DEMO_TRIAL.id, siteOrgId: DEMO_ORGS.site.id, leafIndex: 0, createdBy: "usr_demosponsor" })
        .onConflictDoNothing();
      await tx
        .insert(trialSiteInvestigator)
        .values({ trialId: DEMO_TRIAL.id, siteOrgId: DEMO_ORGS.site.id, userId: id, createdBy: "usr_demosponsor" });
    });
    cookies.otherTrial = await cookieOf("usr_othertrialinv@example.test", PASSWORD);

    const mine = await call(consentsRoute, "/api/site/consents?status=signed", cookies.investigator);
    expect(mine.status).toBe(200);
    const list = (await mine.json()) as SiteConsentsResult;
    expect(list.participants.map((p) => [p.participantId, p.signatureId, p.awaitsCountersignature])).toEqual([
      ["ppt_demoparticipant1", signatureId, true],
    ]);
    const theirs = (await (await call(consentsRoute, "/api/site/consents", cookies.other)).json()) as SiteConsentsResult;
    expect(theirs.participants.map((p) => p.participantId)).toEqual(["ppt_othersite1"]);
    const otherTrial = (await (await call(consentsRoute, "/api/site/consents", cookies.otherTrial)).json()) as SiteConsentsResult;
    expect(otherTrial.participants).toEqual([]);
    expect((await call(consentsRoute, "/api/site/consents", cookies.participant)).status).toBe(403);
    const badFilter = await call(consentsRoute, "/api/site/consents?status=maybe", cookies.investigator);
    expect(badFilter.status).toBe(422);
    expect(await fieldsOf(badFilter)).toEqual(["status"]);
  });

  it("refuses an investigator of another site, one of another trial at the same site, and a participant (403), writing nothing", async () => {
    const before = await writtenCounts(world.database);
    expect((await countersign("other", { printedName: "Olga Otherinvestigator" })).status).toBe(403);
    expect((await countersign("otherTrial", { printedName: "Otto Othertrial" })).status).toBe(403);
    expect((await countersign("participant", { printedName: "Pat Participant" })).status).toBe(403);
    expect(await writtenCounts(world.database)).toEqual(before);
  });

  it("names the field of a 422: an 'other' identity check needs its description; an unknown method is refused", async () => {
    const before = await writtenCounts(world.database);
    const res = await countersign("investigator", { identityCheck: "other" });
    expect(res.status).toBe(422);
    expect(await fieldsOf(res)).toEqual(["identityCheckNote"]);
    const unknown = await countersign("investigator", { identityCheck: "hunch" });
    expect(unknown.status).toBe(422);
    expect(await fieldsOf(unknown)).toEqual(["identityCheck"]);
    const noName = await countersign("investigator", { printedName: "  " });
    expect(await fieldsOf(noName)).toEqual(["printedName"]);
    expect(await writtenCounts(world.database)).toEqual(before);
  });

  it("refuses a wrong password, naming the field, and writes nothing", async () => {
    const before = await writtenCounts(world.database);
    const res = await countersign("investigator", { password: "not the password" });
    expect(res.status).toBe(403);
    expect(((await res.json()) as ErrorBody).error.fieldErrors).toEqual({ password: ["is not correct"] });
    expect(await writtenCounts(world.database)).toEqual(before);
  });

  it("countersigns once; a second countersignature is a conflict (409) and writes nothing", async () => {
    const before = await writtenCounts(world.database);
    const done = await countersign("investigator", { identityCheck: "other", identityCheckNote: "Known to the site team since screening" });
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ name: "Ivan Investigator", meaning: "I confirm I obtained this participant's informed consent" });
    const after = await writtenCounts(world.database);
    expect([after.countersignatures - before.countersignatures, after.log - before.log]).toEqual([1, 1]);

    const again = await countersign("investigator");
    expect(again.status).toBe(409);
    expect(await writtenCounts(world.database)).toEqual(after);
    const list = (await (await call(consentsRoute, "/api/site/consents?status=countersigned", cookies.investigator)).json()) as SiteConsentsResult;
    expect(list.participants.map((p) => p.participantId)).toEqual(["ppt_demoparticipant1"]);
  });
});
