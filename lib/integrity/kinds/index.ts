/**
 * The closed catalogue of record kinds (docs/records.md#record-kinds): each kind, its body schema, and whether the
 * record must name a participant (`subject`). Adding a kind is a deliberate change here; an unknown kind is rejected.
 */
import type { z } from "zod";
import { accessDeniedBody, accessGrantedBody, accessReadBody, accessRevokedBody } from "./access";
import { anchoringAlarmRaisedBody, anchoringAlarmResolvedBody } from "./anchoring";
import {
  authInvitationAcceptedBody,
  authInvitationCreatedBody,
  authSignedInBody,
  authSignedOutBody,
  authSignInAlertBody,
  authSignInFailedBody,
  authWalletLinkedBody,
  roleChangedBody,
} from "./auth";
import { consentCountersignedBody, consentFormBody, consentSignedBody, consentWithdrawnBody } from "./consent";
import { outcomeCorrectedBody, outcomeRecordedBody } from "./outcome";
import { protocolDiscardedBody, protocolStatusBody, protocolVersionBody } from "./protocol";
import { trialRegulatorAssignedBody, trialSiteAddedBody } from "./trial";

/** "required": the record is about one participant and must carry `subject`. "optional": it may. */
export type SubjectRule = "required" | "optional";

export const KIND_CATALOGUE = {
  "protocol.version": { body: protocolVersionBody, subject: "optional" },
  "protocol.status": { body: protocolStatusBody, subject: "optional" },
  "protocol.discarded": { body: protocolDiscardedBody, subject: "optional" },
  "consent.form": { body: consentFormBody, subject: "optional" },
  "consent.signed": { body: consentSignedBody, subject: "required" },
  "consent.countersigned": { body: consentCountersignedBody, subject: "required" },
  "consent.withdrawn": { body: consentWithdrawnBody, subject: "required" },
  "outcome.recorded": { body: outcomeRecordedBody, subject: "required" },
  "outcome.corrected": { body: outcomeCorrectedBody, subject: "required" },
  "access.read": { body: accessReadBody, subject: "optional" },
  "access.denied": { body: accessDeniedBody, subject: "optional" },
  "access.granted": { body: accessGrantedBody, subject: "optional" },
  "access.revoked": { body: accessRevokedBody, subject: "optional" },
  "auth.signed_in": { body: authSignedInBody, subject: "optional" },
  "auth.signed_out": { body: authSignedOutBody, subject: "optional" },
  "auth.sign_in_failed": { body: authSignInFailedBody, subject: "optional" },
  "auth.sign_in_alert": { body: authSignInAlertBody, subject: "optional" },
  "auth.wallet_linked": { body: authWalletLinkedBody, subject: "optional" },
  "auth.invitation_created": { body: authInvitationCreatedBody, subject: "optional" },
  "auth.invitation_accepted": { body: authInvitationAcceptedBody, subject: "optional" },
  "role.changed": { body: roleChangedBody, subject: "optional" },
  "trial.site_added": { body: trialSiteAddedBody, subject: "optional" },
  "trial.regulator_assigned": { body: trialRegulatorAssignedBody, subject: "optional" },
  "anchoring.alarm_raised": { body: anchoringAlarmRaisedBody, subject: "optional" },
  "anchoring.alarm_resolved": { body: anchoringAlarmResolvedBody, subject: "optional" },
} as const satisfies Record<string, { body: z.ZodType; subject: SubjectRule }>;

export type RecordKind = keyof typeof KIND_CATALOGUE;

export const RECORD_KINDS = Object.keys(KIND_CATALOGUE) as [RecordKind, ...RecordKind[]];

export function isRecordKind(value: unknown): value is RecordKind {
  return typeof value === "string" && Object.prototype.hasOwnProperty.call(KIND_CATALOGUE, value);
}

/** The body type of a kind. */
export type BodyOf<K extends RecordKind> = z.output<(typeof KIND_CATALOGUE)[K]["body"]>;

export * from "./common";
export { PROTOCOL_STATUSES, PROTOCOL_STATUSES_NEEDING_REASON } from "./protocol";
export {
  CONSENT_METHODS,
  CONSENT_SIGNERS,
  IDENTITY_CHECKS,
  QUESTION_KINDS,
  WITHDRAWAL_SCOPES,
  consentFormContent,
  consentSites,
  ethicsApproval,
  languageTag,
  localId,
} from "./consent";
export { AUTH_METHODS, SIGN_IN_ALERT_TRIGGERS, SIGN_IN_FAILURES } from "./auth";
export { ANCHORING_ALARM_KINDS } from "./anchoring-alarm-kinds";
