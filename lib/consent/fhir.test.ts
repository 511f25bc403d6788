import { Fhir } from "fhir";
import { describe, expect, it } from "vitest";
import { consentToFhir, type ConsentFhirInput } from "./fhir";

const base: ConsentFhirInput = {
  signatureId: "csg_0a1b2c3d4e5f",
  participantId: "ppt_41d0a7c3",
  trialPublicId: "TP-2026-0002",
  formId: "cfm_demo0001",
  formVersion: 2,
  language: "en",
  signedAt: "2026-11-29T10:00:00.000Z",
  signer: "participant",
  leafHash: `0x${"ab".repeat(32)}`,
  choices: [
    { id: "future_use", text: "Keep my samples for future research", accepted: true },
    { id: "recontact", text: "Contact me about other studies", accepted: false },
  ],
  countersignedAt: null,
  withdrawal: null,
};

/** The R4 validator of the `fhir` package, as for ResearchStudy: a failing message names the problem. */
function validate(resource: unknown) {
  const result = new Fhir().validate(JSON.parse(JSON.stringify(resource)) as never);
  return { valid: result.valid, errors: result.messages.filter((m) => m.severity === "error").map((m) => `${m.location}: ${m.message}`) };
}

describe("consentToFhir", () => {
  it("is a valid R4 Consent naming the participant by pseudonym only, the record by leaf hash, and each choice", () => {
    const fhir = consentToFhir(base);
    expect(validate(fhir)).toEqual({ valid: true, errors: [] });
    expect(fhir).toMatchObject({
      resourceType: "Consent",
      id: "csg-0a1b2c3d4e5f",
      status: "active",
      patient: { identifier: { value: "ppt_41d0a7c3" } },
      identifier: [{ value: base.leafHash }],
      provision: { type: "permit", period: { start: base.signedAt }, provision: [{ type: "permit" }, { type: "deny" }] },
    });
    expect(JSON.stringify(fhir)).not.toMatch(/name|email/i);
  });

  it("countersigned, withdrawn from data collection, and withdrawn from one choice", () => {
    const countersigned = consentToFhir({ ...base, countersignedAt: "2026-11-30T09:00:00.000Z" });
    expect(countersigned.verification).toEqual([{ verified: true, verificationDate: "2026-11-30T09:00:00.000Z" }]);
    const stopped = consentToFhir({ ...base, withdrawal: { scope: "data_collection", choiceId: null, withdrawnAt: "2026-12-01T00:00:00.000Z" } });
    expect(stopped).toMatchObject({ status: "active", provision: { period: { end: "2026-12-01T00:00:00.000Z" } } });
    const all = consentToFhir({ ...base, withdrawal: { scope: "all", choiceId: null, withdrawnAt: "2026-12-01T00:00:00.000Z" } });
    expect(all.status).toBe("inactive");
    const choice = consentToFhir({ ...base, withdrawal: { scope: "choice", choiceId: "future_use", withdrawnAt: "2026-12-01T00:00:00.000Z" } });
    expect(choice.provision.provision?.map((p) => p.type)).toEqual(["deny", "deny"]);
    for (const r of [countersigned, stopped, all, choice]) expect(validate(r)).toEqual({ valid: true, errors: [] });
  });

  it("the validator is not a rubber stamp: a Consent without its required scope fails", () => {
    const { scope: _scope, ...broken } = consentToFhir(base);
    expect(validate(broken).valid).toBe(false);
  });
});
