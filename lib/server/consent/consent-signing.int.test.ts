// Signing, countersigning and withdrawing consent, attacked: a wrong password or a name that is not the account's
// writes nothing, an investigator of another site is refused, a second signature is a conflict, and the pseudonymous
// record's commitment verifies with the salt kept in the database and fails with a changed name.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/open";
import { consentSignature } from "@/lib/db/schema";
import { DEMO_CONSENT_FORM } from "@/lib/db/seed/demo-consent";
import { verifyManifestation } from "@/lib/integrity";
import { rejectionMessage } from "@/lib/testing/db-errors";
import { freshDatabase } from "@/lib/testing/fresh-database";
import { viewerFor } from "@/lib/testing/viewer";
import { SIGNATURE_MEANING_TEXT } from "@/lib/vocabulary/consent-signer";
import { activateConsentVersion } from "./activate-consent-version";
import { createConsentForm } from "./create-consent-form";
import {
  DEMO_CHOICES,
  envelopeAt,
  errorOf,
  RIGHT_ANSWERS,
  OTHER_SITE,
  PASSWORD,
  seedConsentWorld,
  TRIAL,
  writtenCounts,
} from "./consent.test-helper";
import { consentStateOf } from "./consent-status-of";
import { countersignConsent } from "./countersign-consent";
import { getMyConsentForms } from "./get-my-consent-forms";
import { listConsentVersions } from "./list-consent-versions";
import { listSiteConsents } from "./list-site-consents";
import { mayRecordData } from "./may-record-data";
import { newConsentVersion } from "./new-consent-version";
import { saveReadingProgress } from "./save-reading-progress";
import { signConsent } from "./sign-consent";
import { submitKnowledgeCheck } from "./submit-knowledge-check";
import { withdrawConsent } from "./withdraw-consent";

let database: Database;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ database, drop } = await freshDatabase());
  await seedConsentWorld(database);
});
afterAll(async () => drop());

const as = (userId: string) => viewerFor(database, userId);
const P1 = "usr_demoparticipant1";
const FORM = "cfv_demo0001";
const P1_EMAIL = "participant1@demo.trialproof.test";
const signRequest = (over: Record<string, unknown> = {}) => ({
  formVersionId: FORM,
  choices: DEMO_CHOICES,
  printedName: "Pat Participant",
  password: PASSWORD,
  email: "participant1@demo.trialproof.test",
  ...over,
});
const countersignRequest = (signatureId: string, over: Record<string, unknown> = {}) => ({
  signatureId,
  identityCheck: "in_person_id",
  printedName: "Ivan Investigator",
  password: PASSWORD,
  email: "investigator@demo.trialproof.test",
  ...over,
});
let signatureId = "";

describe("a participant reads, answers and signs", () => {
  it("sees the current form without the answers, and resumes where they stopped", async () => {
    const mine = await getMyConsentForms(await as(P1));
    expect(mine.status).toBe("enrolled");
    expect(mine.forms.map((f) => [f.id, f.version, f.sectionIndex, f.passed])).toEqual([[FORM, 1, 0, false]]);
    expect(JSON.stringify(mine.forms[0]!.questions)).not.toMatch(/correct|explanation/);
    await saveReadingProgress(await as(P1), { formVersionId: FORM, sectionIndex: 2 });
    expect((await getMyConsentForms(await as(P1))).forms[0]!.sectionIndex).toBe(2);
    expect(Object.keys((await errorOf(saveReadingProgress(await as(P1), { formVersionId: FORM, sectionIndex: 3 })))!.fieldErrors!)).toEqual([
      "sectionIndex",
    ]);
    expect((await errorOf(saveReadingProgress(await as("usr_demoinvestigator"), { formVersionId: FORM, sectionIndex: 0 })))?.code).toBe("FORBIDDEN");
  });

  it("cannot use a version that is active only at another site, nor a draft", async () => {
    const sponsor = await as("usr_demosponsor");
    const form = { protocolVersion: 1, language: "cy", title: "Ffurflen gydsynio", content: DEMO_CONSENT_FORM.content };
    const elsewhere = await createConsentForm(sponsor, { trialId: TRIAL.id, ...form });
    const draft = await createConsentForm(sponsor, { trialId: TRIAL.id, ...form });
    await activateConsentVersion(sponsor, { formVersionId: elsewhere.id, ethicsApproval: DEMO_CONSENT_FORM.ethicsApproval, sites: [OTHER_SITE] });
    expect((await errorOf(submitKnowledgeCheck(await as(P1), { formVersionId: elsewhere.id, answers: RIGHT_ANSWERS })))?.code).toBe("CONFLICT");
    expect((await errorOf(signConsent(await as(P1), signRequest({ formVersionId: elsewhere.id }))))?.code).toBe("CONFLICT");
    expect((await errorOf(signConsent(await as(P1), signRequest({ formVersionId: draft.id }))))?.code).toBe("NOT_FOUND");
    expect((await getMyConsentForms(await as(P1))).forms.map((f) => f.id)).toEqual([FORM]);
    expect((await getMyConsentForms(await as("usr_otherppt"))).forms.map((f) => f.id).sort()).toEqual([FORM, elsewhere.id].sort());
  });

  it("keeps every knowledge-check attempt and answers per question with the explanation; signing needs a pass", async () => {
    expect((await errorOf(signConsent(await as(P1), signRequest())))?.code).toBe("CONFLICT");
    const failed = await submitKnowledgeCheck(await as(P1), { formVersionId: FORM, answers: { q_voluntary: ["no"], q_visits: ["start", "week_4"] } });
    expect(failed).toMatchObject({ score: 0, passMark: 2, passed: false });
    expect(failed.questions).toEqual(
      DEMO_CONSENT_FORM.content.knowledgeCheck.questions.map((q) => ({ id: q.id, correct: false, explanation: q.explanation })),
    );
    const unknown = await errorOf(
      submitKnowledgeCheck(await as(P1), { formVersionId: FORM, answers: { q_nope: ["yes"], q_voluntary: ["yes", "no"] } }),
    );
    expect(Object.keys(unknown!.fieldErrors!).sort()).toEqual(["answers.q_nope", "answers.q_voluntary"]);
    const passed = await submitKnowledgeCheck(await as(P1), { formVersionId: FORM, answers: RIGHT_ANSWERS });
    expect(passed).toMatchObject({ score: 2, passed: true });
  });

  it("refuses a wrong password (403), a name that is not the account's (422) and unanswered choices (422), writing nothing", async () => {
    const before = await writtenCounts(database);
    const wrong = await errorOf(signConsent(await as(P1), signRequest({ password: "not the password" })));
    expect([wrong?.code, wrong?.fieldErrors]).toEqual(["FORBIDDEN", { password: ["is not correct"] }]);
    const name = await errorOf(signConsent(await as(P1), signRequest({ printedName: "Pat Participants" })));
    expect([name?.code, Object.keys(name!.fieldErrors!)]).toEqual(["UNPROCESSABLE", ["printedName"]]);
    const choices = await errorOf(signConsent(await as(P1), signRequest({ choices: DEMO_CHOICES.slice(0, 1) })));
    expect([choices?.code, Object.keys(choices!.fieldErrors!)]).toEqual(["UNPROCESSABLE", ["choices"]]);
    expect(await writtenCounts(database)).toEqual(before);
  });

  it("signs: the record is pseudonymous, and its commitment verifies with the stored salt and fails with a changed name", async () => {
    const signed = await signConsent(await as(P1), signRequest({ printedName: "  pat   PARTICIPANT " }));
    signatureId = signed.signatureId;
    expect(signed).toMatchObject({ name: "pat PARTICIPANT", meaning: SIGNATURE_MEANING_TEXT.participant, choices: DEMO_CHOICES });
    const envelope = await envelopeAt(database, signed.leafIndex);
    expect(envelope).toMatchObject({
      kind: "consent.signed",
      subject: "ppt_demoparticipant1",
      actor: { role: "participant", id: P1 },
      body: {
        form: { index: expect.any(Number) as number },
        formId: DEMO_CONSENT_FORM.formId,
        formVersion: 1,
        method: "password",
        signer: "participant",
        witnessed: false,
        choices: DEMO_CHOICES,
        knowledgeCheck: { attempts: 2, score: 2, passMark: 2 },
        manifestation: signed.manifestation,
      },
    });
    expect(JSON.stringify(envelope)).not.toMatch(/pat\s+participant|participant1@/i);

    const [row] = await database.select().from(consentSignature).where(eq(consentSignature.id, signed.signatureId));
    const manifestation = { name: row!.name, signedAt: row!.signedAt.toISOString(), meaning: row!.meaning };
    expect(manifestation.signedAt).toBe(signed.signedAt);
    const committed = (envelope.body as { manifestation: string }).manifestation;
    expect(verifyManifestation(manifestation, row!.salt, committed)).toBe(true);
    expect(verifyManifestation({ ...manifestation, name: "Paula Participant" }, row!.salt, committed)).toBe(false);

    expect((await errorOf(signConsent(await as(P1), signRequest())))?.code).toBe("CONFLICT");
    const state = await consentStateOf(database, "ppt_demoparticipant1");
    expect([state?.status, state?.awaitsCountersignature]).toEqual(["signed", true]);
    expect(await mayRecordData(database, "ppt_demoparticipant1", new Date())).toEqual({
      allowed: false,
      code: expect.any(String) as string,
      reason: expect.stringMatching(/countersignature/) as string,
    });
  });
});

describe("the investigator countersigns", () => {
  it("refuses investigators of another site, other roles, a wrong password and an undescribed identity check, writing nothing", async () => {
    const before = await writtenCounts(database);
    expect(
      (await errorOf(countersignConsent(await as("usr_otherinv"), countersignRequest(signatureId, { printedName: "Olga Otherinvestigator" }))))?.code,
    ).toBe("FORBIDDEN");
    expect((await errorOf(countersignConsent(await as(P1), countersignRequest(signatureId))))?.code).toBe("FORBIDDEN");
    expect(
      (await errorOf(countersignConsent(await as("usr_demoinvestigator"), countersignRequest(signatureId, { password: "wrong password" }))))?.code,
    ).toBe("FORBIDDEN");
    expect(
      (await errorOf(countersignConsent(await as("usr_demoinvestigator"), countersignRequest(signatureId, { printedName: "Ivan" }))))?.code,
    ).toBe("UNPROCESSABLE");
    const other = await errorOf(countersignConsent(await as("usr_demoinvestigator"), countersignRequest(signatureId, { identityCheck: "other" })));
    expect(Object.keys(other!.fieldErrors!)).toEqual(["identityCheckNote"]);
    expect(await writtenCounts(database)).toEqual(before);
  });

  it("countersigns with its own commitment; data may then be recorded, but not for observations before consent", async () => {
    const done = await countersignConsent(await as("usr_demoinvestigator"), countersignRequest(signatureId, { identityCheck: "video_call" }));
    const envelope = await envelopeAt(database, done.leafIndex);
    const [signed] = await database.select().from(consentSignature).where(eq(consentSignature.id, signatureId));
    expect(envelope).toMatchObject({
      kind: "consent.countersigned",
      subject: "ppt_demoparticipant1",
      actor: { role: "investigator", id: "usr_demoinvestigator" },
      body: { signed: { index: signed!.leafIndex, leafHash: signed!.leafHash }, identityCheck: "video_call", manifestation: done.manifestation },
    });
    expect(
      verifyManifestation(
        { name: "Ivan Investigator", signedAt: done.signedAt, meaning: SIGNATURE_MEANING_TEXT.investigator },
        done.salt,
        done.manifestation,
      ),
    ).toBe(true);
    expect((await errorOf(countersignConsent(await as("usr_demoinvestigator"), countersignRequest(signatureId))))?.code).toBe("CONFLICT");
    expect((await consentStateOf(database, "ppt_demoparticipant1"))?.status).toBe("countersigned");
    expect(await mayRecordData(database, "ppt_demoparticipant1", new Date())).toEqual({ allowed: true });
    expect((await mayRecordData(database, "ppt_demoparticipant1", new Date("2026-01-01T00:00:00Z"))).allowed).toBe(false);
    expect((await mayRecordData(database, "ppt_demoparticipant2", new Date())).allowed).toBe(false);
  });

  it("lists each site's consents by status, for that site's investigators only", async () => {
    await submitKnowledgeCheck(await as("usr_otherppt"), { formVersionId: FORM, answers: RIGHT_ANSWERS });
    const other = await signConsent(
      await as("usr_otherppt"),
      signRequest({ printedName: "Oscar Otherparticipant", email: "usr_otherppt@example.test" }),
    );
    expect((await errorOf(countersignConsent(await as("usr_demoinvestigator"), countersignRequest(other.signatureId))))?.code).toBe("FORBIDDEN");

    const demoSite = await listSiteConsents(await as("usr_demoinvestigator"));
    expect(demoSite.participants.map((p) => [p.participantId, p.status]).sort()).toEqual([
      ["ppt_demoparticipant1", "countersigned"],
      ["ppt_demoparticipant2", "enrolled"],
    ]);
    expect(demoSite.counts).toMatchObject({ countersigned: 1, enrolled: 1, signed: 0 });
    const enrolled = await listSiteConsents(await as("usr_demoinvestigator"), { status: "enrolled" });
    expect(enrolled.participants.map((p) => p.participantId)).toEqual(["ppt_demoparticipant2"]);
    const otherSite = await listSiteConsents(await as("usr_otherinv"));
    expect(otherSite.participants.map((p) => [p.participantId, p.status, p.awaitsCountersignature])).toEqual([["ppt_othersite1", "signed", true]]);
    expect((await errorOf(listSiteConsents(await as(P1))))?.code).toBe("FORBIDDEN");
    expect((await errorOf(listSiteConsents(await as("usr_demoinvestigator"), { status: "lost" })))?.fieldErrors).toHaveProperty("status");
  });
});

describe("a new version and a withdrawal", () => {
  it("activating a new version makes earlier signers re-consent, and the new signature settles it", async () => {
    const sponsor = await as("usr_demosponsor");
    const next = await newConsentVersion(sponsor, { fromVersionId: FORM });
    await activateConsentVersion(sponsor, {
      formVersionId: next.id,
      ethicsApproval: { committee: "Riverside Research Ethics Committee (demo)", reference: "REC-DEMO-0002/A1", approvalDate: "2026-11-20" },
      sites: "all",
    });
    expect((await consentStateOf(database, "ppt_demoparticipant1"))?.status).toBe("reconsent_required");
    expect((await mayRecordData(database, "ppt_demoparticipant1", new Date())).allowed).toBe(false);
    expect((await errorOf(submitKnowledgeCheck(await as("usr_demoparticipant2"), { formVersionId: FORM, answers: RIGHT_ANSWERS })))?.code).toBe(
      "CONFLICT",
    );
    const versions = await listConsentVersions(sponsor, { trialId: TRIAL.id });
    expect(versions.filter((v) => v.formId === DEMO_CONSENT_FORM.formId).map((v) => [v.version, v.signedCount])).toEqual([
      [1, 2],
      [2, 0],
    ]);

    await submitKnowledgeCheck(await as(P1), { formVersionId: next.id, answers: RIGHT_ANSWERS });
    await signConsent(await as(P1), signRequest({ formVersionId: next.id }));
    expect((await consentStateOf(database, "ppt_demoparticipant1"))?.status).toBe("signed");
  });

  it("withdraws from one accepted choice, then from data collection; a wrong password writes nothing", async () => {
    const declined = await errorOf(
      withdrawConsent(await as(P1), { scope: "choice", choiceId: "sample_storage", password: PASSWORD, email: P1_EMAIL }),
    );
    expect(Object.keys(declined!.fieldErrors!)).toEqual(["choiceId"]);
    const choice = await withdrawConsent(await as(P1), { scope: "choice", choiceId: "future_contact", password: PASSWORD, email: P1_EMAIL });
    expect((await envelopeAt(database, choice.leafIndex)).body).toMatchObject({ scope: "choice", choiceId: "future_contact" });
    expect((await consentStateOf(database, "ppt_demoparticipant1"))?.status).toBe("signed");

    const before = await writtenCounts(database);
    expect((await errorOf(withdrawConsent(await as(P1), { scope: "data_collection", password: "wrong password", email: P1_EMAIL })))?.code).toBe(
      "FORBIDDEN",
    );
    expect(await writtenCounts(database)).toEqual(before);
    const withdrawn = await withdrawConsent(await as(P1), { scope: "data_collection", reason: "Moving abroad", password: PASSWORD, email: P1_EMAIL });
    expect(await envelopeAt(database, withdrawn.leafIndex)).toMatchObject({
      kind: "consent.withdrawn",
      subject: "ppt_demoparticipant1",
      body: { scope: "data_collection" },
    });
    expect((await consentStateOf(database, "ppt_demoparticipant1"))?.status).toBe("withdrawn");
    expect(await mayRecordData(database, "ppt_demoparticipant1", new Date())).toEqual({
      allowed: false,
      code: expect.any(String) as string,
      reason: expect.stringMatching(/withdrew/) as string,
    });
    expect((await errorOf(withdrawConsent(await as(P1), { scope: "all", password: PASSWORD, email: P1_EMAIL })))?.code).toBe("CONFLICT");
  });

  it("keeps signatures append-only: the application may not change them and the owner's change is refused", async () => {
    const tamper = sql`update consent_signature set name = 'Someone Else' where id = ${signatureId}`;
    expect(await rejectionMessage(database.execute(tamper))).toMatch(/permission denied/);
    expect(await rejectionMessage(database.$asOwner((owner) => owner.execute(tamper)))).toMatch(/append-only/);
    const [row] = await database.select().from(consentSignature).where(eq(consentSignature.id, signatureId));
    expect(row!.name).toBe("pat PARTICIPANT");
    const before = await writtenCounts(database);
    for (const table of ["consent_check_attempt", "consent_signature", "consent_countersignature", "consent_withdrawal"]) {
      expect(await rejectionMessage(database.execute(sql.raw(`delete from ${table}`)))).toMatch(/permission denied/);
      expect(await rejectionMessage(database.$asOwner((owner) => owner.execute(sql.raw(`delete from ${table}`))))).toMatch(/append-only/);
    }
    expect(await writtenCounts(database)).toEqual(before);
  });
});
