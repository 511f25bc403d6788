// A form signed by a legally authorized representative in front of a witness: the form decides which details the
// signature needs, and those details stay in the database, out of the pseudonymous record.
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { consentSignature } from "@/lib/db/schema";
import { DEMO_CONSENT_FORM } from "@/lib/db/seed/demo-consent";
import { viewerFor } from "@/lib/testing/viewer";
import { SIGNATURE_MEANING_TEXT } from "@/lib/vocabulary/consent-signer";
import { activateConsentVersion } from "./activate-consent-version";
import { DEMO_CHOICES, envelopeAt, errorOf, RIGHT_ANSWERS, PASSWORD, TRIAL, consentWorldForThisFile, writtenCounts } from "./consent.test-helper";
import { createConsentForm } from "./create-consent-form";
import { mayRecordData } from "./may-record-data";
import { signConsent } from "./sign-consent";
import { submitKnowledgeCheck } from "./submit-knowledge-check";

const world = consentWorldForThisFile();

const as = (userId: string) => viewerFor(world.database, userId);
const signRequest = (over: Record<string, unknown> = {}) => ({
  choices: DEMO_CHOICES,
  password: PASSWORD,
  email: "participant2@demo.trialproof.test",
  ...over,
});

describe("a form signed by a legally authorized representative in front of a witness", () => {
  it("requires the relationship and the witness's name, and records the representative's meaning", async () => {
    const sponsor = await as("usr_demosponsor");
    const content = { ...DEMO_CONSENT_FORM.content, signers: { signer: "representative", witnessRequired: true, countersignatureRequired: false } };
    const created = await createConsentForm(sponsor, {
      trialId: TRIAL.id,
      protocolVersion: 1,
      language: "en-GB",
      title: "Consent by a representative",
      content,
    });
    await activateConsentVersion(sponsor, { formVersionId: created.id, ethicsApproval: DEMO_CONSENT_FORM.ethicsApproval, sites: "all" });
    const P2 = "usr_demoparticipant2";
    await submitKnowledgeCheck(await as(P2), { formVersionId: created.id, answers: RIGHT_ANSWERS });
    const request = signRequest({ formVersionId: created.id, printedName: "Paula Participant" });
    const before = await writtenCounts(world.database);
    expect(Object.keys((await errorOf(signConsent(await as(P2), { ...request, witnessName: "Wendy Witness" })))!.fieldErrors!)).toEqual([
      "relationship",
    ]);
    expect(Object.keys((await errorOf(signConsent(await as(P2), { ...request, relationship: "Daughter" })))!.fieldErrors!)).toEqual(["witnessName"]);
    expect(await writtenCounts(world.database)).toEqual(before);

    const signed = await signConsent(await as(P2), { ...request, relationship: "Daughter", witnessName: "Wendy Witness" });
    expect(signed.meaning).toBe(SIGNATURE_MEANING_TEXT.representative);
    expect((await envelopeAt(world.database, signed.leafIndex)).body).toMatchObject({ signer: "representative", witnessed: true });
    expect(JSON.stringify(await envelopeAt(world.database, signed.leafIndex))).not.toMatch(/Daughter|Wendy/);
    const [row] = await world.database.select().from(consentSignature).where(eq(consentSignature.id, signed.signatureId));
    expect(row).toMatchObject({ signer: "representative", relationship: "Daughter", witnessName: "Wendy Witness" });
    // No countersignature required: data may be recorded from now on.
    expect(await mayRecordData(world.database, "ppt_demoparticipant2", new Date())).toEqual({ allowed: true });
  });
});
