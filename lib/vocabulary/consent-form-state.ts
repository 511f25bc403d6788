/** Where a consent form version stands: an editable draft, or active (approved, logged, never edited again). */
import { z } from "zod";
import type { Tone } from "./tone";

export const CONSENT_FORM_STATES = ["draft", "active"] as const;
export type ConsentFormState = (typeof CONSENT_FORM_STATES)[number];
export const ZConsentFormState = z.enum(CONSENT_FORM_STATES);

export const CONSENT_FORM_STATE_LABEL: Record<ConsentFormState, string> = {
  draft: "Draft",
  active: "Active",
};
export const CONSENT_FORM_STATE_TONE: Record<ConsentFormState, Tone> = {
  draft: "neutral",
  active: "good",
};
