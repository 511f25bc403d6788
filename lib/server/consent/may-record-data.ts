import "server-only";
import type { Database, Tx } from "@/lib/db/client";
import type { DataRefusal } from "@/lib/vocabulary/data-refusal";
import { WITHDRAWAL_SCOPE_LABEL } from "@/lib/vocabulary/withdrawal-scope";
import { consentStateOf } from "./consent-status-of";

export type DataPermission = { allowed: true } | { allowed: false; code: DataRefusal | "no_participant"; reason: string };

/**
 * Whether outcome data observed at `observedAt` may be recorded for a participant (docs/consent.md#statuses): only
 * under a valid consent (signed, and countersigned when the form requires it), with no re-consent pending, no
 * withdrawal of data collection, and not for an observation made before the participant first consented. The
 * refusal says why in words, for the investigator's screen, and with a code, for the audit trail.
 */
export async function mayRecordData(tx: Tx | Database, participantId: string, observedAt: Date): Promise<DataPermission> {
  const state = await consentStateOf(tx, participantId);
  if (!state) return { allowed: false, code: "no_participant", reason: "There is no such participant." };
  switch (state.status) {
    case "invited":
    case "enrolled":
      return { allowed: false, code: "not_consented", reason: "The participant has not signed the consent form." };
    case "withdrawn":
      return {
        allowed: false,
        code: "consent_withdrawn",
        reason: `The participant withdrew (${WITHDRAWAL_SCOPE_LABEL[state.withdrawal!.scope].toLowerCase()}) on ${state.withdrawal!.withdrawnAt.toISOString()}.`,
      };
    case "reconsent_required":
      return {
        allowed: false,
        code: "reconsent_required",
        reason: "A new version of the consent form is in use: the participant must sign it first.",
      };
    case "signed":
    case "countersigned":
      break;
  }
  if (state.awaitsCountersignature)
    return { allowed: false, code: "awaits_countersignature", reason: "The consent awaits the investigator's countersignature." };
  if (observedAt < state.consentedAt!) {
    return {
      allowed: false,
      code: "observed_before_consent",
      reason: `The observation (${observedAt.toISOString()}) precedes the participant's consent (${state.consentedAt!.toISOString()}).`,
    };
  }
  return { allowed: true };
}
