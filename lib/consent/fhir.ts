/**
 * A signed consent as a FHIR R4 Consent (pure). The participant appears only by pseudonym, as in the log; the record
 * it rests on is named by its leaf hash, so a FHIR consumer can prove it against the chain (docs/consent.md).
 */
import { FHIR_EXTENSION_BASE, TRIALPROOF_ID_SYSTEM } from "@/lib/protocols/fhir";

export const PARTICIPANT_ID_SYSTEM = "https://trialproof.org/fhir/NamingSystem/participant-pseudonym";
export const CONSENT_RECORD_SYSTEM = "https://trialproof.org/fhir/NamingSystem/consent-record-leaf-hash";
export const CONSENT_CHOICE_SYSTEM = "https://trialproof.org/fhir/CodeSystem/consent-choice";

export interface ConsentFhirInput {
  signatureId: string;
  participantId: string;
  trialPublicId: string;
  formId: string;
  formVersion: number;
  language: string;
  signedAt: string;
  signer: "participant" | "representative";
  /** Leaf hash of the `consent.signed` record. */
  leafHash: string;
  choices: readonly { id: string; text: string; accepted: boolean }[];
  countersignedAt: string | null;
  withdrawal: { scope: "all" | "data_collection" | "choice"; choiceId: string | null; withdrawnAt: string } | null;
}

/** FHIR ids allow letters, digits, "-" and "." only (up to 64). */
const fhirId = (id: string) => id.replace(/[^A-Za-z0-9.-]/g, "-").slice(0, 64);

export function consentToFhir(c: ConsentFhirInput) {
  const withdrawnAll = c.withdrawal?.scope === "all";
  // Withdrawal of further participation or of data collection ends the permission; a choice withdrawn is denied.
  const endsAt = c.withdrawal && c.withdrawal.scope !== "choice" ? c.withdrawal.withdrawnAt : undefined;
  const withdrawnChoice = c.withdrawal?.scope === "choice" ? c.withdrawal.choiceId : null;
  return {
    resourceType: "Consent" as const,
    id: fhirId(c.signatureId),
    identifier: [{ system: CONSENT_RECORD_SYSTEM, value: c.leafHash }],
    status: withdrawnAll ? ("inactive" as const) : ("active" as const),
    scope: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/consentscope", code: "research", display: "Research" }] },
    category: [{ coding: [{ system: "http://loinc.org", code: "59284-0", display: "Patient Consent" }] }],
    patient: { identifier: { system: PARTICIPANT_ID_SYSTEM, value: c.participantId } },
    dateTime: c.signedAt,
    ...(c.signer === "representative"
      ? { performer: [{ display: "Legally authorized representative of the participant" }] }
      : { performer: [{ identifier: { system: PARTICIPANT_ID_SYSTEM, value: c.participantId } }] }),
    policy: [
      { authority: "https://trialproof.org", uri: `https://trialproof.org/consent-forms/${encodeURIComponent(c.formId)}/versions/${c.formVersion}` },
    ],
    ...(c.countersignedAt ? { verification: [{ verified: true, verificationDate: c.countersignedAt }] } : {}),
    provision: {
      type: "permit" as const,
      period: { start: c.signedAt, ...(endsAt ? { end: endsAt } : {}) },
      ...(c.choices.length
        ? {
            provision: c.choices.map((choice) => ({
              type: choice.accepted && choice.id !== withdrawnChoice ? ("permit" as const) : ("deny" as const),
              code: [{ coding: [{ system: CONSENT_CHOICE_SYSTEM, code: choice.id, display: choice.text }] }],
            })),
          }
        : {}),
    },
    extension: [
      { url: `${FHIR_EXTENSION_BASE}/trial`, valueIdentifier: { system: TRIALPROOF_ID_SYSTEM, value: c.trialPublicId } },
      { url: `${FHIR_EXTENSION_BASE}/consent-form-language`, valueCode: c.language },
    ],
  };
}
