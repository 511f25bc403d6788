/**
 * Requests of the outcome use cases (docs/outcomes.md), shared by the forms, the route handlers and lib/server/outcomes.
 * Values are decimal strings with their unit, never JSON numbers: the record hashes what was typed.
 */
import { z } from "zod";
import { UTC_TIMESTAMP_PATTERN } from "@/lib/integrity/kinds/common";
import { ZCorrectionReason, CORRECTION_REASONS_NEEDING_TEXT } from "@/lib/vocabulary/correction-reason";
import { ZOutcomeSource } from "@/lib/vocabulary/outcome-source";
import { ZTrialId } from "./params";
import { ZDecimalValue, ZMeasureCode, ZUnitCode, ZVisitCode } from "./protocol-measures";

export const ZParticipantId = z
  .string({ error: "Choose the participant." })
  .max(68, "is too long for a participant id")
  .regex(/^ppt_[A-Za-z0-9]{4,64}$/, "must be a participant id such as ppt_0123abcd");

/** Outcome value ids are `ov_` and 4–64 letters or digits. */
export const ZOutcomeValueId = z
  .string({ error: "Choose the value to correct." })
  .max(68, "is too long for an outcome value id")
  .regex(/^ov_[A-Za-z0-9]{4,64}$/, "must be an outcome value id such as ov_0123abcd");

/** When the measurement was taken, in UTC with milliseconds (as the record keeps it). */
export const ZObservedAt = z
  .string({ error: "Say when the measurement was taken." })
  .regex(UTC_TIMESTAMP_PATTERN, "Observed at must be a UTC time such as 2026-11-21T09:50:00.000Z")
  .refine((s) => !UTC_TIMESTAMP_PATTERN.test(s) || new Date(s).toISOString() === s, "Observed at is not a real date and time");

export const ZRecordOutcomeRequestSchema = z.strictObject({
  participantId: ZParticipantId,
  measure: ZMeasureCode,
  visit: ZVisitCode,
  value: ZDecimalValue,
  unit: ZUnitCode,
  observedAt: ZObservedAt,
  source: ZOutcomeSource,
});
export type TRecordOutcomeRequest = z.infer<typeof ZRecordOutcomeRequestSchema>;

/**
 * A correction names the value it corrects (the current value of its data point) and keeps its measure and visit;
 * the value, unit and observation time are the corrected ones (the time defaults to the corrected value's).
 */
export const ZCorrectOutcomeRequestSchema = z
  .strictObject({
    correctsId: ZOutcomeValueId,
    value: ZDecimalValue,
    unit: ZUnitCode,
    observedAt: ZObservedAt.optional(),
    reason: ZCorrectionReason,
    reasonText: z.string().trim().min(1, "Say what was wrong.").max(1000, "Use at most 1000 characters.").optional(),
  })
  .refine((r) => !CORRECTION_REASONS_NEEDING_TEXT.includes(r.reason) || r.reasonText !== undefined, {
    message: "Say what was wrong when the reason is other.",
    path: ["reasonText"],
  });
export type TCorrectOutcomeRequest = z.infer<typeof ZCorrectOutcomeRequestSchema>;

/** One data point: the participant, the measure and the visit. */
export const ZOutcomeHistoryQuerySchema = z.strictObject({ participantId: ZParticipantId, measure: ZMeasureCode, visit: ZVisitCode });
export type TOutcomeHistoryQuery = z.infer<typeof ZOutcomeHistoryQuerySchema>;

export const ZParticipantOutcomesParamsSchema = z.strictObject({ participantId: ZParticipantId });
export type TParticipantOutcomesParams = z.infer<typeof ZParticipantOutcomesParamsSchema>;

/** The trial whose outcome data (or visit completeness) is asked for. */
export const ZTrialOutcomesParamsSchema = z.strictObject({ trialId: ZTrialId });
export type TTrialOutcomesParams = z.infer<typeof ZTrialOutcomesParamsSchema>;
