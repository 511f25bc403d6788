/**
 * Recruitment status (WHO TRDS item "Recruitment status", ClinicalTrials.gov wording): the status of a registered
 * trial. One list for the protocol form's field, the `protocol.status` record, the sponsor's status change, the
 * registry filter and the public badge. The list itself is the record catalogue's (lib/integrity), because the
 * log must accept exactly what the portal offers.
 */
import { z } from "zod";
import { PROTOCOL_STATUSES, PROTOCOL_STATUSES_NEEDING_REASON } from "../integrity/kinds/protocol-status";

export const RECRUITMENT_STATUSES = PROTOCOL_STATUSES;
export type RecruitmentStatus = (typeof RECRUITMENT_STATUSES)[number];
export const ZRecruitmentStatus = z.enum(RECRUITMENT_STATUSES, `Recruitment status must be one of: ${RECRUITMENT_STATUSES.join(", ")}`);

export const isRecruitmentStatus = (status: string): status is RecruitmentStatus => (RECRUITMENT_STATUSES as readonly string[]).includes(status);

export const RECRUITMENT_STATUS_LABEL: Record<RecruitmentStatus, string> = {
  not_yet_recruiting: "Not yet recruiting",
  recruiting: "Recruiting",
  active_not_recruiting: "Active, not recruiting",
  suspended: "Suspended",
  completed: "Completed",
  terminated: "Terminated",
  withdrawn: "Withdrawn",
};

/** Pausing or stopping a trial is always justified: a change to one of these needs a reason. */
export const RECRUITMENT_STATUSES_NEEDING_REASON: readonly RecruitmentStatus[] = PROTOCOL_STATUSES_NEEDING_REASON;
export const needsReason = (status: string): boolean => (RECRUITMENT_STATUSES_NEEDING_REASON as readonly string[]).includes(status);

/** Final: once a trial is in one of these, its status no longer changes. */
export const FINAL_RECRUITMENT_STATUSES: readonly RecruitmentStatus[] = ["completed", "terminated", "withdrawn"];
export const isFinalStatus = (status: string): boolean => (FINAL_RECRUITMENT_STATUSES as readonly string[]).includes(status);
