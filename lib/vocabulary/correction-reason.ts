/**
 * Why an outcome value was corrected (the outcome.corrected record carries the label, and the text for "other").
 * The list is closed so that corrections can be counted by cause; "other" always says what happened.
 */
import { z } from "zod";

export const CORRECTION_REASONS = ["transcription_error", "unit_error", "source_data_verification", "entered_in_error", "other"] as const;
export type CorrectionReason = (typeof CORRECTION_REASONS)[number];
export const ZCorrectionReason = z.enum(CORRECTION_REASONS, `Reason must be one of: ${CORRECTION_REASONS.join(", ")}`);

export const CORRECTION_REASON_LABEL: Record<CorrectionReason, string> = {
  transcription_error: "Transcription error",
  unit_error: "Unit error",
  source_data_verification: "Corrected at source data verification",
  entered_in_error: "Entered in error",
  other: "Other",
};

/** Reasons that need the investigator's own words. */
export const CORRECTION_REASONS_NEEDING_TEXT: readonly CorrectionReason[] = ["other"];

/** The reason as the log record states it: the label, then the investigator's words when given. */
export const correctionReasonText = (reason: CorrectionReason, text?: string | null): string =>
  text ? `${CORRECTION_REASON_LABEL[reason]}: ${text}` : CORRECTION_REASON_LABEL[reason];
