/**
 * The status of a trial (the `trial.status` column): before registration, where it stands in the sponsor's
 * workflow; once registered on chain, its recruitment status. So a registered trial's status is always a
 * RecruitmentStatus, and the registry shows and filters exactly those.
 */
import { z } from "zod";
import { RECRUITMENT_STATUS_LABEL, RECRUITMENT_STATUSES } from "./recruitment-status";
import type { Tone } from "./tone";

/** Never public: a draft, and a version 1 waiting for the sponsor's wallet to register it. */
export const UNREGISTERED_TRIAL_STATUSES = ["draft", "awaiting_signature"] as const;
export type UnregisteredTrialStatus = (typeof UNREGISTERED_TRIAL_STATUSES)[number];

export const TRIAL_STATUSES = [...UNREGISTERED_TRIAL_STATUSES, ...RECRUITMENT_STATUSES] as const;
export type TrialStatus = (typeof TRIAL_STATUSES)[number];
export const ZTrialStatus = z.enum(TRIAL_STATUSES, `Trial status must be one of: ${TRIAL_STATUSES.join(", ")}`);

export const TRIAL_STATUS_LABEL: Record<TrialStatus, string> = {
  draft: "Draft",
  awaiting_signature: "Awaiting signature",
  ...RECRUITMENT_STATUS_LABEL,
};

export const TRIAL_STATUS_TONE: Record<TrialStatus, Tone> = {
  draft: "neutral",
  awaiting_signature: "warn",
  not_yet_recruiting: "info",
  recruiting: "good",
  active_not_recruiting: "good",
  suspended: "warn",
  completed: "neutral",
  terminated: "bad",
  withdrawn: "bad",
};

const isTrialStatus = (status: string): status is TrialStatus => (TRIAL_STATUSES as readonly string[]).includes(status);
/** For a status typed only as a string (a client type not yet inferred from the server): its label, or as stored. */
export const trialStatusLabel = (status: string): string => (isTrialStatus(status) ? TRIAL_STATUS_LABEL[status] : status);
export const trialStatusTone = (status: string): Tone => (isTrialStatus(status) ? TRIAL_STATUS_TONE[status] : "neutral");
