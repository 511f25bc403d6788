/** Record kinds: the closed catalogue of lib/integrity/kinds, with what people read. */
import { z } from "zod";
import { RECORD_KINDS, isRecordKind, type RecordKind } from "../integrity/kinds/index";

export { RECORD_KINDS, isRecordKind, type RecordKind };
export const ZRecordKind = z.enum(RECORD_KINDS);

export const RECORD_KIND_LABEL: Record<RecordKind, string> = {
  "protocol.version": "Protocol version",
  "protocol.status": "Trial status change",
  "protocol.discarded": "Prepared protocol version discarded",
  "consent.form": "Consent form",
  "consent.signed": "Consent signed",
  "consent.countersigned": "Consent countersigned",
  "consent.withdrawn": "Consent withdrawn",
  "outcome.recorded": "Outcome recorded",
  "outcome.corrected": "Outcome corrected",
  "access.read": "Record read",
  "access.denied": "Access denied",
  "access.granted": "Access granted",
  "access.revoked": "Access revoked",
  "auth.signed_in": "Signed in",
  "auth.signed_out": "Signed out",
  "auth.sign_in_failed": "Sign-in failed",
  "auth.sign_in_alert": "Sign-in alert",
  "auth.wallet_linked": "Wallet linked",
  "auth.invitation_created": "Invitation created",
  "auth.invitation_accepted": "Invitation accepted",
  "role.changed": "Role changed",
  "trial.site_added": "Site added to trial",
  "trial.regulator_assigned": "Regulator assigned to trial",
  "anchoring.alarm_raised": "Anchoring alarm raised",
  "anchoring.alarm_resolved": "Anchoring alarm resolved",
};

/** The label of a stored kind; an unknown one is shown as stored. */
export const recordKindLabel = (kind: string): string => (isRecordKind(kind) ? RECORD_KIND_LABEL[kind] : kind);
