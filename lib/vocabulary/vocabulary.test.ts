// One vocabulary: every list has a label (and, where badges show it, a tone) for each value and nothing else, and
// the lists that other layers define (the record catalogue, the database enum, the verifier's verdicts) are the
// very same lists.
import { describe, expect, it } from "vitest";
import { KIND_CATALOGUE, PROTOCOL_STATUSES, RECORD_KINDS as CATALOGUE_KINDS, VERDICTS as INTEGRITY_VERDICTS } from "@/lib/integrity";
import {
  consentFormState,
  consentQuestionAuthor,
  consentSignerKind,
  correctionReason,
  identityCheckKind,
  outcomeSource,
  trialStatus,
  withdrawalScope,
} from "@/lib/db/schema";
import { ZChangeTrialStatusRequestSchema, ZProtocolDraftSchema } from "@/lib/schemas/protocol";
import { ALLOCATION_LABEL, ALLOCATIONS } from "./allocation";
import { CONSENT_FORM_STATE_LABEL, CONSENT_FORM_STATE_TONE, CONSENT_FORM_STATES } from "./consent-form-state";
import { CONSENT_QUESTION_AUTHOR_LABEL, CONSENT_QUESTION_AUTHOR_TONE, CONSENT_QUESTION_AUTHORS } from "./consent-question-author";
import { CONSENT_SIGNER_LABEL, CONSENT_SIGNERS, SIGNATURE_MEANING_TEXT, SIGNATURE_MEANINGS } from "./consent-signer";
import { CONSENT_STATUS_LABEL, CONSENT_STATUS_TONE, CONSENT_STATUSES } from "./consent-status";
import { CORRECTION_REASON_LABEL, CORRECTION_REASONS } from "./correction-reason";
import { DATA_REFUSAL_LABEL, DATA_REFUSALS } from "./data-refusal";
import { IDENTITY_CHECK_LABEL, IDENTITY_CHECKS } from "./identity-check";
import { OUTCOME_SOURCE_LABEL, OUTCOME_SOURCES } from "./outcome-source";
import { QUESTION_KIND_LABEL, QUESTION_KINDS } from "./question-kind";
import { WITHDRAWAL_SCOPE_LABEL, WITHDRAWAL_SCOPES } from "./withdrawal-scope";
import { ANCHORING_STATE_LABEL, ANCHORING_STATE_TONE, ANCHORING_STATES } from "./anchoring-state";
import { MASKING_LABEL, MASKINGS } from "./masking";
import { PHASE_LABEL, PHASES, phaseLabel } from "./phase";
import { PROTOCOL_CHAIN_STATE_LABEL, PROTOCOL_CHAIN_STATE_TONE, PROTOCOL_CHAIN_STATES } from "./protocol-chain-state";
import { RECORD_KIND_LABEL, RECORD_KINDS, recordKindLabel } from "./record-kind";
import {
  FINAL_RECRUITMENT_STATUSES,
  RECRUITMENT_STATUS_LABEL,
  RECRUITMENT_STATUSES,
  RECRUITMENT_STATUSES_NEEDING_REASON,
  needsReason,
} from "./recruitment-status";
import { ROLE_LABEL, ROLES } from "./role";
import { STUDY_TYPE_LABEL, STUDY_TYPES } from "./study-type";
import { TONES } from "./tone";
import {
  TRIAL_STATUS_LABEL,
  TRIAL_STATUS_TONE,
  TRIAL_STATUSES,
  trialStatusLabel,
  trialStatusTone,
  UNREGISTERED_TRIAL_STATUSES,
} from "./trial-status";
import { VERDICT_LABEL, VERDICT_TONE, VERDICTS } from "./verdict";

const protocolStatusBody = KIND_CATALOGUE["protocol.status"].body;

/** The keys of a map are exactly the list, each label non-empty and distinct. */
function coversExactly(list: readonly string[], labels: Record<string, string>) {
  expect(Object.keys(labels).sort()).toEqual([...list].sort());
  for (const v of list) expect(labels[v]?.trim()).toBeTruthy();
  expect(new Set(Object.values(labels)).size).toBe(list.length);
}
function tonesCover(list: readonly string[], tones: Record<string, string>) {
  expect(Object.keys(tones).sort()).toEqual([...list].sort());
  for (const v of list) expect(TONES).toContain(tones[v]);
}

describe("lib/vocabulary", () => {
  it.each([
    ["recruitment status", RECRUITMENT_STATUSES, RECRUITMENT_STATUS_LABEL],
    ["trial status", TRIAL_STATUSES, TRIAL_STATUS_LABEL],
    ["phase", PHASES, PHASE_LABEL],
    ["study type", STUDY_TYPES, STUDY_TYPE_LABEL],
    ["allocation", ALLOCATIONS, ALLOCATION_LABEL],
    ["masking", MASKINGS, MASKING_LABEL],
    ["anchoring state", ANCHORING_STATES, ANCHORING_STATE_LABEL],
    ["protocol chain state", PROTOCOL_CHAIN_STATES, PROTOCOL_CHAIN_STATE_LABEL],
    ["verdict", VERDICTS, VERDICT_LABEL],
    ["record kind", RECORD_KINDS, RECORD_KIND_LABEL],
    ["role", ROLES, ROLE_LABEL],
    ["consent status", CONSENT_STATUSES, CONSENT_STATUS_LABEL],
    ["consent form state", CONSENT_FORM_STATES, CONSENT_FORM_STATE_LABEL],
    ["consent question author", CONSENT_QUESTION_AUTHORS, CONSENT_QUESTION_AUTHOR_LABEL],
    ["consent signer", CONSENT_SIGNERS, CONSENT_SIGNER_LABEL],
    ["signature meaning", SIGNATURE_MEANINGS, SIGNATURE_MEANING_TEXT],
    ["identity check", IDENTITY_CHECKS, IDENTITY_CHECK_LABEL],
    ["question kind", QUESTION_KINDS, QUESTION_KIND_LABEL],
    ["withdrawal scope", WITHDRAWAL_SCOPES, WITHDRAWAL_SCOPE_LABEL],
    ["outcome source", OUTCOME_SOURCES, OUTCOME_SOURCE_LABEL],
    ["correction reason", CORRECTION_REASONS, CORRECTION_REASON_LABEL],
    ["data refusal", DATA_REFUSALS, DATA_REFUSAL_LABEL],
  ] as const)("labels every %s, and only those", (_name, list, labels) => {
    expect(list.length).toBeGreaterThan(0);
    expect(new Set(list).size).toBe(list.length);
    coversExactly(list, labels);
  });

  it("gives every trial status, anchoring state, chain state and verdict a badge tone", () => {
    tonesCover(TRIAL_STATUSES, TRIAL_STATUS_TONE);
    tonesCover(ANCHORING_STATES, ANCHORING_STATE_TONE);
    tonesCover(PROTOCOL_CHAIN_STATES, PROTOCOL_CHAIN_STATE_TONE);
    tonesCover(VERDICTS, VERDICT_TONE);
    tonesCover(CONSENT_STATUSES, CONSENT_STATUS_TONE);
    tonesCover(CONSENT_FORM_STATES, CONSENT_FORM_STATE_TONE);
    tonesCover(CONSENT_QUESTION_AUTHORS, CONSENT_QUESTION_AUTHOR_TONE);
    // Every recruitment status is a trial status, so the registry's badges are covered too.
    for (const s of RECRUITMENT_STATUSES) expect(TRIAL_STATUS_TONE[s]).toBeDefined();
    expect(ANCHORING_STATE_TONE.awaiting_anchor).not.toBe(ANCHORING_STATE_TONE.anchored);
    expect(VERDICT_TONE.modified).toBe("bad");
    expect(VERDICT_TONE.ok).toBe("good");
  });

  it("has one spelling per anchoring state", () => {
    expect(ANCHORING_STATES).toContain("awaiting_anchor");
    expect(ANCHORING_STATE_LABEL.awaiting_anchor).toBe("Awaiting anchor");
    for (const s of ANCHORING_STATES) expect(s).toMatch(/^[a-z_]+$/);
  });

  it("takes the recruitment statuses, record kinds and verdicts from lib/integrity, not from a copy", () => {
    expect(RECRUITMENT_STATUSES).toBe(PROTOCOL_STATUSES);
    expect(RECORD_KINDS).toBe(CATALOGUE_KINDS);
    expect(VERDICTS).toBe(INTEGRITY_VERDICTS);
  });

  it("a trial's status is a workflow state before registration and its recruitment status after, and the database has exactly those", () => {
    expect(TRIAL_STATUSES).toEqual([...UNREGISTERED_TRIAL_STATUSES, ...RECRUITMENT_STATUSES]);
    expect(trialStatus.enumValues).toEqual([...TRIAL_STATUSES]);
    expect(consentFormState.enumValues).toEqual([...CONSENT_FORM_STATES]);
    expect(consentQuestionAuthor.enumValues).toEqual([...CONSENT_QUESTION_AUTHORS]);
    expect(consentSignerKind.enumValues).toEqual([...CONSENT_SIGNERS]);
    expect(identityCheckKind.enumValues).toEqual([...IDENTITY_CHECKS]);
    expect(withdrawalScope.enumValues).toEqual([...WITHDRAWAL_SCOPES]);
    expect(outcomeSource.enumValues).toEqual([...OUTCOME_SOURCES]);
    expect(correctionReason.enumValues).toEqual([...CORRECTION_REASONS]);
  });

  it("the record, the status-change request and the protocol agree on the statuses and on which need a reason", () => {
    for (const status of RECRUITMENT_STATUSES) {
      const withReason = { status, reason: "DSMB advice" };
      expect(protocolStatusBody.safeParse(withReason).success).toBe(true);
      expect(ZChangeTrialStatusRequestSchema.safeParse(withReason).success).toBe(true);
      expect(ZProtocolDraftSchema.safeParse({ recruitmentStatus: status }).success).toBe(true);
      const bare = { status };
      expect(protocolStatusBody.safeParse(bare).success).toBe(!needsReason(status));
      expect(ZChangeTrialStatusRequestSchema.safeParse(bare).success).toBe(!needsReason(status));
    }
    expect([...RECRUITMENT_STATUSES_NEEDING_REASON].sort()).toEqual(["suspended", "terminated", "withdrawn"]);
    for (const s of FINAL_RECRUITMENT_STATUSES) expect(RECRUITMENT_STATUSES).toContain(s);
    // Old synonyms are gone everywhere.
    for (const old of ["registered", "active", "awaiting anchor"]) {
      expect(TRIAL_STATUSES as readonly string[]).not.toContain(old);
      expect(ZChangeTrialStatusRequestSchema.safeParse({ status: old }).success).toBe(false);
    }
  });

  it("shows an unknown stored value as stored instead of failing", () => {
    expect(trialStatusLabel("recruiting")).toBe("Recruiting");
    expect(trialStatusLabel("legacy_value")).toBe("legacy_value");
    expect(trialStatusTone("legacy_value")).toBe("neutral");
    expect(phaseLabel("phase_1_2")).toBe("Phase 1/2");
    expect(phaseLabel("phase_9")).toBe("phase_9");
    expect(phaseLabel(null)).toBe("—");
    expect(recordKindLabel("protocol.status")).toBe("Trial status change");
    expect(recordKindLabel("nope.kind")).toBe("nope.kind");
  });
});
