// A form signed by a legally authorized representative in front of a witness: the form decides which details the
// signature needs, and those details stay in the database, out of the pseudonymous record.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/lib/db/open";
import { consentSignature, logEnvelope } from "@/lib/db/schema";
import { DEMO_CONSENT_FORM } from "@/lib/db/seed/demo-consent";
import { freshDatabase } from "@/lib/testing/fresh-database";
import { viewerFor } from "@/lib/testing/viewer";
import { SIGNATURE_MEANING_TEXT } from "@/lib/vocabulary/consent-signer";
import { activateConsentVersion } from "./activate-consent-version";
import { errorOf, PASSWORD, seedConsentWorld, TRIAL, writtenCounts } from "./consent.test-helper";
import { createConsentForm } from "./create-consent-form";
import { mayRecordData } from "./may-record-data";
import { signConsent } from "./sign-consent";
import { submitKnowledgeCheck } from "./submit-knowledge-check";

let database: Database;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ database, drop } = await freshDatabase());
  await seedConsentWorld(database);
});
afterAll(async () => drop());

const as = (userId: string) => viewerFor(database, userId);
const RIGHT = { q_voluntary: ["yes"], q_visits: ["start", "week_12", "week_4"] };
const CHOICES = [
  { id: "future_contact", accepted: true },
  { id: "sample_storage", accepted: false },
];
const signRequest = (over: Record<string, unknown> = {}) => ({ choices: CHOICES, password: PASSWORD, ...over });
async function bodyAt(index: number): Promise<unknown> {
  const [row] = await database
    .select()
    .from(logEnvelope)
    .where(and(eq(logEnvelope.logId, TRIAL.publicId), eq(logEnvelope.idx, index)));
  return row!.envelope;
}

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
    await submitKnowledgeCheck(await as(P2), { formVersionId: created.id, answers: RIGHT });
    const request = signRequest({ formVersionId: created.id, printedName: "Paula Participant" });
    const before = await writtenCounts(database);
    expect(Object.keys((await errorOf(signConsent(await as(P2), { ...request, witnessName: "Wendy Witness" })))!.fieldErrors!)).toEqual([
      "relationship",
    ]);
    expect(Object.keys((await errorOf(signConsent(await as(P2), { ...request, relationship: "Daughter" })))!.fieldErrors!)).toEqual(["witnessName"]);
    expect(await writtenCounts(database)).toEqual(before);

    const signed = await signConsent(await as(P2), { ...request, relationship: "Daughter", witnessName: "Wendy Witness" });
    expect(signed.meaning).toBe(SIGNATURE_MEANING_TEXT.representative);
    expect(((await bodyAt(signed.leafIndex)) as { body: unknown }).body).toMatchObject({ signer: "representative", witnessed: true });
    expect(JSON.stringify(await bodyAt(signed.leafIndex))).not.toMatch(/Daughter|Wendy/);
    const [row] = await database.select().from(consentSignature).where(eq(consentSignature.id, signed.signatureId));
    expect(row).toMatchObject({ signer: "representative", relationship: "Daughter", witnessName: "Wendy Witness" });
    // No countersignature required: data may be recorded from now on.
    expect(await mayRecordData(database, "ppt_demoparticipant2", new Date())).toEqual({ allowed: true });
  });
});
