/**
 * Outcome measurements. Values are decimal strings with a unit (never JSON numbers) so the recorded precision is
 * exactly what the hash commits to. A correction never edits the original: it is a new record pointing at the
 * one it corrects, with a mandatory reason (docs/records.md#corrections).
 */
import { z } from "zod";
import { code, decimalString, leafRef, reason, unit, utcTimestamp } from "./common";

const measurement = {
  /** Outcome measure code from the protocol, e.g. "systolic_bp". */
  measure: code,
  value: decimalString,
  unit,
  /** Visit code from the protocol schedule, e.g. "baseline", "week_4". */
  visit: code,
  /** When the measurement was taken (clinical time), as opposed to the envelope's `at` (recording time). */
  observedAt: utcTimestamp,
};

export const outcomeRecordedBody = z.strictObject(measurement);

export const outcomeCorrectedBody = z.strictObject({
  /** The record being corrected: outcome.recorded or an earlier outcome.corrected. */
  corrects: leafRef,
  ...measurement,
  reason,
});
