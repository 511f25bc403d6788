import { describe, expect, it } from "vitest";
import { deriveConsentStatus, type ConsentFacts, type SignatureFact } from "./consent-status-of";

const sig = (over: Partial<SignatureFact> = {}): SignatureFact => ({
  id: "sig_0001",
  formVersionId: "cfv_0001",
  formId: "cf_0001",
  formVersion: 1,
  signedAt: new Date("2026-11-01T10:00:00.000Z"),
  countersignatureRequired: true,
  countersignedAt: null,
  ...over,
});
const facts = (over: Partial<ConsentFacts> = {}): ConsentFacts => ({
  signatures: [],
  withdrawals: [],
  currentVersions: new Map([["cf_0001", 1]]),
  ...over,
});
const withdrawal = (scope: "all" | "data_collection" | "choice") => ({
  signatureId: "sig_0001",
  scope,
  choiceId: scope === "choice" ? "x" : null,
  withdrawnAt: new Date(),
});

describe("deriveConsentStatus (docs/consent.md#statuses)", () => {
  it("enrolled without a signature; signed, then countersigned", () => {
    expect(deriveConsentStatus(facts()).status).toBe("enrolled");
    expect(deriveConsentStatus(facts({ signatures: [sig()] }))).toMatchObject({ status: "signed", awaitsCountersignature: true });
    expect(deriveConsentStatus(facts({ signatures: [sig({ countersignatureRequired: false })] }))).toMatchObject({
      status: "signed",
      awaitsCountersignature: false,
    });
    expect(deriveConsentStatus(facts({ signatures: [sig({ countersignedAt: new Date() })] })).status).toBe("countersigned");
  });

  it("re-consent when the signed form has a newer current version at the site; the first signature dates the consent", () => {
    const first = sig();
    expect(deriveConsentStatus(facts({ signatures: [first], currentVersions: new Map([["cf_0001", 2]]) })).status).toBe("reconsent_required");
    const second = sig({ id: "sig_0002", formVersion: 2, signedAt: new Date("2026-11-20T10:00:00.000Z") });
    const state = deriveConsentStatus(facts({ signatures: [first, second], currentVersions: new Map([["cf_0001", 2]]) }));
    expect([state.status, state.signature?.id, state.consentedAt]).toEqual(["signed", "sig_0002", first.signedAt]);
  });

  it("withdrawal of participation or of data collection wins over everything; withdrawing one choice changes nothing", () => {
    const countersigned = sig({ countersignedAt: new Date() });
    for (const scope of ["all", "data_collection"] as const) {
      expect(
        deriveConsentStatus(facts({ signatures: [countersigned], withdrawals: [withdrawal(scope)], currentVersions: new Map([["cf_0001", 3]]) }))
          .status,
      ).toBe("withdrawn");
    }
    expect(deriveConsentStatus(facts({ signatures: [countersigned], withdrawals: [withdrawal("choice")] })).status).toBe("countersigned");
  });
});
