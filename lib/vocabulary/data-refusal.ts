/**
 * Why outcome data was not recorded for a participant (docs/outcomes.md#the-consent-gate). The code is the
 * `reason` of the access.denied record that audits the refusal; the label is for lists of refusals.
 */
import { z } from "zod";

export const DATA_REFUSALS = [
  "not_assigned",
  "not_consented",
  "awaits_countersignature",
  "reconsent_required",
  "consent_withdrawn",
  "observed_before_consent",
] as const;
export type DataRefusal = (typeof DATA_REFUSALS)[number];
export const ZDataRefusal = z.enum(DATA_REFUSALS);

export const DATA_REFUSAL_LABEL: Record<DataRefusal, string> = {
  not_assigned: "Investigator not assigned to the participant's trial and site",
  not_consented: "No signed consent",
  awaits_countersignature: "Consent awaits countersignature",
  reconsent_required: "Re-consent pending",
  consent_withdrawn: "Consent withdrawn from data collection",
  observed_before_consent: "Observed before consent",
};
