/**
 * A participant's consent status in one trial (docs/consent.md#statuses), derived from the stored consent rows by
 * lib/server/consent/consent-status-of.ts and never stored: the site's lists, badges and the data-entry check all read
 * the one derivation.
 */
import { z } from "zod";
import type { Tone } from "./tone";

export const CONSENT_STATUSES = ["invited", "enrolled", "signed", "countersigned", "reconsent_required", "withdrawn"] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];
export const ZConsentStatus = z.enum(CONSENT_STATUSES, `Consent status must be one of: ${CONSENT_STATUSES.join(", ")}`);

export const CONSENT_STATUS_LABEL: Record<ConsentStatus, string> = {
  invited: "Invited",
  enrolled: "Enrolled, not yet signed",
  signed: "Signed",
  countersigned: "Countersigned",
  reconsent_required: "Re-consent required",
  withdrawn: "Withdrawn",
};

export const CONSENT_STATUS_TONE: Record<ConsentStatus, Tone> = {
  invited: "neutral",
  enrolled: "info",
  signed: "info",
  countersigned: "good",
  reconsent_required: "warn",
  withdrawn: "bad",
};
