import "server-only";
import { compareDecimals } from "@/lib/schemas/protocol-measures";
import type { RecordableMeasure, RecordableSchedule } from "@/lib/protocols/recordable-measures";
import { AppError } from "@/lib/server/errors/app-error";

/** Clocks of sites and devices drift: an observation up to five minutes ahead of the server is not "in the future". */
const CLOCK_SKEW_MS = 5 * 60_000;

export interface Measurement {
  measure: string;
  visit: string;
  value: string;
  unit: string;
  observedAt: string;
}

/**
 * A measurement against the trial's registered protocol (docs/outcomes.md#measures-units-and-visits): the measure is
 * pre-specified, the visit is in the schedule, the unit is the measure's very unit (no conversion: the record keeps
 * what was measured), the value lies in the plausible range when the protocol gives one, and the observation is not
 * in the future. 422 naming each offending field.
 */
export function checkMeasurement(schedule: (RecordableSchedule & { version: number }) | null, m: Measurement, now = new Date()): RecordableMeasure {
  const errors: Record<string, string[]> = {};
  const measure = schedule?.measures.find((x) => x.code === m.measure);
  if (!measure) {
    const known = schedule?.measures.map((x) => x.code).join(", ");
    errors.measure = [
      schedule
        ? `${m.measure} is not an outcome measure pre-specified in protocol version ${schedule.version}${known ? ` (recordable: ${known})` : ""}.`
        : `The trial has no registered protocol version yet: ${m.measure} cannot be recorded.`,
    ];
  }
  if (schedule && !schedule.visits.some((v) => v.code === m.visit)) {
    errors.visit = [`${m.visit} is not a visit of the protocol's schedule (${schedule.visits.map((v) => v.code).join(", ") || "none"}).`];
  }
  if (measure && m.unit !== measure.unit) errors.unit = [`${m.measure} is recorded in ${measure.unit}, not ${m.unit}.`];
  // The range is in the measure's unit: a value in another unit is not compared with it.
  else if (measure?.plausibleLow && compareDecimals(m.value, measure.plausibleLow) < 0) {
    errors.value = [`${m.value} ${measure.unit} is below the plausible range of ${m.measure} (at least ${measure.plausibleLow}).`];
  } else if (measure?.plausibleHigh && compareDecimals(m.value, measure.plausibleHigh) > 0) {
    errors.value = [`${m.value} ${measure.unit} is above the plausible range of ${m.measure} (at most ${measure.plausibleHigh}).`];
  }
  if (new Date(m.observedAt).getTime() > now.getTime() + CLOCK_SKEW_MS) errors.observedAt = ["Observed at is in the future."];
  const fields = Object.keys(errors);
  if (fields.length > 0) throw new AppError("UNPROCESSABLE", fields.map((f) => errors[f]![0]).join(" "), errors);
  return measure!;
}
