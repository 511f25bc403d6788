/**
 * Who signs a consent form, and the meaning each signature carries. The meaning is part of the signature
 * manifestation (docs/consent.md#the-manifestation-commitment): these texts are shown next to the signature button,
 * stored with the signature and hashed into its commitment, so there is exactly one wording per kind of signer.
 */
import { z } from "zod";
import { CONSENT_SIGNERS } from "../integrity/kinds/consent-lists";

export { CONSENT_SIGNERS };
export type ConsentSigner = (typeof CONSENT_SIGNERS)[number];
export const ZConsentSigner = z.enum(CONSENT_SIGNERS, `Signer must be one of: ${CONSENT_SIGNERS.join(", ")}`);

export const CONSENT_SIGNER_LABEL: Record<ConsentSigner, string> = {
  participant: "The participant",
  representative: "A legally authorized representative",
};

/** The signatures of a consent: the signer's (participant or representative) and the investigator's countersignature. */
export const SIGNATURE_MEANINGS = ["participant", "representative", "investigator"] as const;
export type SignatureMeaning = (typeof SIGNATURE_MEANINGS)[number];

export const SIGNATURE_MEANING_TEXT: Record<SignatureMeaning, string> = {
  participant: "I agree to take part in this study",
  representative: "I agree, as the participant's legally authorized representative, that they take part in this study",
  investigator: "I confirm I obtained this participant's informed consent",
};
