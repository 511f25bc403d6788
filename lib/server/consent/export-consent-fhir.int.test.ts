// A signed consent as FHIR R4 Consent: valid for the R4 validator used for ResearchStudy, pseudonymous, and readable
// only by the participant, the site's assigned investigator and the trial's sponsor admins (404 for anyone else).
import { Fhir } from "fhir";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/open";
import { freshDatabase } from "@/lib/testing/fresh-database";
import { viewerFor } from "@/lib/testing/viewer";
import { DEMO_CHOICES, errorOf, PASSWORD, RIGHT_ANSWERS, seedConsentWorld } from "./consent.test-helper";
import { exportConsentFhir } from "./export-consent-fhir";
import { signConsent } from "./sign-consent";
import { submitKnowledgeCheck } from "./submit-knowledge-check";
import { withdrawConsent } from "./withdraw-consent";

let database: Database;
let drop: () => Promise<void>;
let signatureId = "";
const as = (userId: string) => viewerFor(database, userId);
const FORM = "cfv_demo0001";
const P1_EMAIL = "participant1@demo.trialproof.test";

beforeAll(async () => {
  ({ database, drop } = await freshDatabase());
  await seedConsentWorld(database);
  const p1 = await as("usr_demoparticipant1");
  await submitKnowledgeCheck(p1, { formVersionId: FORM, answers: RIGHT_ANSWERS });
  ({ signatureId } = await signConsent(p1, {
    formVersionId: FORM,
    choices: DEMO_CHOICES,
    printedName: "Pat Participant",
    password: PASSWORD,
    email: P1_EMAIL,
  }));
});
afterAll(async () => drop());

describe("exportConsentFhir", () => {
  it("gives a valid R4 Consent without the participant's name, naming the signed record by its leaf hash", async () => {
    const fhir = await exportConsentFhir(await as("usr_demoparticipant1"), signatureId);
    const result = new Fhir().validate(JSON.parse(JSON.stringify(fhir)) as never);
    expect(result.messages.filter((m) => m.severity === "error")).toEqual([]);
    expect(result.valid).toBe(true);
    expect(fhir.status).toBe("active");
    expect(fhir.identifier[0]!.value).toMatch(/^0x[0-9a-f]{64}$/);
    expect(JSON.stringify(fhir)).not.toContain("Pat Participant");
  });

  it("is the same for the site's investigator and the sponsor admin; 404 for another participant and another site", async () => {
    const own = await exportConsentFhir(await as("usr_demoparticipant1"), signatureId);
    expect(await exportConsentFhir(await as("usr_demoinvestigator"), signatureId)).toEqual(own);
    expect(await exportConsentFhir(await as("usr_demosponsor"), signatureId)).toEqual(own);
    for (const outsider of ["usr_otherppt", "usr_demoparticipant2", "usr_demoregulator"]) {
      const refused = await errorOf(exportConsentFhir(await as(outsider), signatureId));
      expect(refused, outsider).toMatchObject({ code: "NOT_FOUND" });
    }
    expect(await errorOf(exportConsentFhir(await as("usr_demoparticipant1"), "csg_doesnotexist00"))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("a withdrawal from everything makes the Consent inactive", async () => {
    await withdrawConsent(await as("usr_demoparticipant1"), { scope: "all", password: PASSWORD, email: P1_EMAIL });
    const fhir = await exportConsentFhir(await as("usr_demoparticipant1"), signatureId);
    expect(fhir.status).toBe("inactive");
    expect(fhir.provision.period.end).toBeDefined();
  });
});
