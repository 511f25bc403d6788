/**
 * Visit windows (docs/outcomes.md#measures-units-and-visits): a visit's target day is the participant's baseline plus
 * the visit's day offset, and it is on time within the window either side. The baseline is the earliest observation
 * at the schedule's day-0 visit; before there is one, no window can be judged (null).
 */
import type { TVisit } from "@/lib/schemas/protocol-measures";

const DAY_MS = 86_400_000;

export function baselineOf(visits: readonly TVisit[], observations: readonly { visit: string; observedAt: string }[]): Date | null {
  const zero = new Set(visits.filter((v) => Number(v.dayOffset) === 0).map((v) => v.code));
  const times = observations.filter((o) => zero.has(o.visit)).map((o) => Date.parse(o.observedAt));
  return times.length > 0 ? new Date(Math.min(...times)) : null;
}

/** Whether an observation is within its visit's window; null without a baseline or for a visit off the schedule. */
export function inVisitWindow(visit: TVisit | undefined, observedAt: string, baseline: Date | null): boolean | null {
  if (!visit || !baseline) return null;
  const target = baseline.getTime() + Number(visit.dayOffset) * DAY_MS;
  // Calendar days: an observation later on the target day is on time even with a window of 0.
  const days = Math.floor(Date.parse(observedAt) / DAY_MS) - Math.floor(target / DAY_MS);
  return Math.abs(days) <= Number(visit.windowDays);
}
