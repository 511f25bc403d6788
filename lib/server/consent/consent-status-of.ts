import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { consentCountersignature, consentFormVersion, consentSignature, consentWithdrawal, participant } from "@/lib/db/schema";
import type { Database, Tx } from "@/lib/db/client";
import type { ConsentStatus } from "@/lib/vocabulary/consent-status";
import { WITHDRAWAL_SCOPES_ENDING_DATA, type WithdrawalScope } from "@/lib/vocabulary/withdrawal-scope";
import { appliesToSite, type FormVersionRow, type ParticipantRow } from "./consent-access";

export interface SignatureFact {
  id: string;
  formVersionId: string;
  formId: string;
  formVersion: number;
  signedAt: Date;
  countersignatureRequired: boolean;
  countersignedAt: Date | null;
}
export interface WithdrawalFact {
  signatureId: string;
  scope: WithdrawalScope;
  choiceId: string | null;
  withdrawnAt: Date;
}

/** The stored rows that decide one participant's consent status in their trial. */
export interface ConsentFacts {
  /** Signatures, oldest first. */
  signatures: SignatureFact[];
  withdrawals: WithdrawalFact[];
  /** The current version number of each form at the participant's site (docs/consent.md#form-versions). */
  currentVersions: ReadonlyMap<string, number>;
}

export interface ConsentState {
  status: ConsentStatus;
  /** The latest signature, if any. */
  signature: SignatureFact | null;
  /** When the participant first consented to the study (their earliest signature). */
  consentedAt: Date | null;
  /** The withdrawal that ended participation or data collection, if any. */
  withdrawal: WithdrawalFact | null;
  /** A signature whose form requires the investigator's countersignature, still without one. */
  awaitsCountersignature: boolean;
}

/**
 * THE derivation of a participant's consent status (docs/consent.md#statuses); every list, badge and check reads it.
 * Withdrawal of all participation or of data collection wins; then a newer current version of the signed form means
 * re-consent; then the latest signature is countersigned or merely signed; without any signature the participant is
 * enrolled. ("Invited" belongs to an invitation not yet accepted: there is no participant yet.)
 */
export function deriveConsentStatus(facts: ConsentFacts): ConsentState {
  const signature = facts.signatures.at(-1) ?? null;
  const withdrawal = facts.withdrawals.find((w) => WITHDRAWAL_SCOPES_ENDING_DATA.includes(w.scope)) ?? null;
  const base = {
    signature,
    consentedAt: facts.signatures[0]?.signedAt ?? null,
    withdrawal,
    awaitsCountersignature: !!signature && signature.countersignatureRequired && !signature.countersignedAt,
  };
  if (withdrawal) return { ...base, status: "withdrawn" };
  if (!signature) return { ...base, status: "enrolled" };
  if ((facts.currentVersions.get(signature.formId) ?? 0) > signature.formVersion) return { ...base, status: "reconsent_required" };
  return { ...base, status: signature.countersignedAt ? "countersigned" : "signed" };
}

/** The consent state of each given participant (one query per table, whatever their number). */
export async function consentStatesOf(tx: Tx | Database, participants: readonly ParticipantRow[]): Promise<Map<string, ConsentState>> {
  const states = new Map<string, ConsentState>();
  if (participants.length === 0) return states;
  const ids = participants.map((p) => p.id);
  const signatures = await tx
    .select({
      participantId: consentSignature.participantId,
      id: consentSignature.id,
      formVersionId: consentSignature.formVersionId,
      formId: consentFormVersion.formId,
      formVersion: consentFormVersion.version,
      signedAt: consentSignature.signedAt,
      content: consentFormVersion.content,
      countersignedAt: consentCountersignature.signedAt,
    })
    .from(consentSignature)
    .innerJoin(consentFormVersion, eq(consentFormVersion.id, consentSignature.formVersionId))
    .leftJoin(consentCountersignature, eq(consentCountersignature.signatureId, consentSignature.id))
    .where(inArray(consentSignature.participantId, ids))
    .orderBy(asc(consentSignature.signedAt));
  const withdrawals = await tx
    .select()
    .from(consentWithdrawal)
    .where(inArray(consentWithdrawal.participantId, ids))
    .orderBy(asc(consentWithdrawal.withdrawnAt));
  const trialIds = [...new Set(participants.map((p) => p.trialId))];
  const active: FormVersionRow[] = await tx
    .select()
    .from(consentFormVersion)
    .where(and(inArray(consentFormVersion.trialId, trialIds), eq(consentFormVersion.state, "active")));
  for (const p of participants) {
    const currentVersions = new Map<string, number>();
    for (const v of active) {
      if (v.trialId === p.trialId && appliesToSite(v.sites, p.siteOrgId))
        currentVersions.set(v.formId, Math.max(currentVersions.get(v.formId) ?? 0, v.version));
    }
    states.set(
      p.id,
      deriveConsentStatus({
        signatures: signatures
          .filter((s) => s.participantId === p.id)
          .map(({ participantId: _, content, ...s }) => ({ ...s, countersignatureRequired: content.signers.countersignatureRequired })),
        withdrawals: withdrawals
          .filter((w) => w.participantId === p.id)
          .map((w) => ({ signatureId: w.signatureId, scope: w.scope, choiceId: w.choiceId, withdrawnAt: w.withdrawnAt })),
        currentVersions,
      }),
    );
  }
  return states;
}

/** One participant's consent state in their trial; null when there is no such participant. */
export async function consentStateOf(tx: Tx | Database, participantId: string): Promise<ConsentState | null> {
  const [row] = await tx.select().from(participant).where(eq(participant.id, participantId));
  if (!row) return null;
  return (await consentStatesOf(tx, [row])).get(row.id)!;
}
