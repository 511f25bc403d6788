import "server-only";
import type { RecordableSchedule } from "@/lib/protocols/recordable-measures";
import { dataPointKey } from "./outcome-values";

export interface VisitCompleteness {
  visit: string;
  label: string;
  /** Participants with every pre-specified measure recorded at the visit. */
  complete: number;
  /** Participants with some, not all. */
  partial: number;
  /** Participants with none. */
  missing: number;
}

/**
 * Completeness per site and visit (docs/outcomes.md#completeness): of the participants who have consented at the site
 * (those for whom data can be expected), how many have every measure of the registered protocol recorded at each
 * visit. `sites` are the sites to report, in order; `points` holds the keys of the data points that have a value.
 */
export function completenessBySite(
  schedule: RecordableSchedule,
  sites: readonly string[],
  participants: readonly { id: string; siteOrgId: string; consented: boolean }[],
  points: ReadonlySet<string>,
): { siteOrgId: string; participants: number; visits: VisitCompleteness[] }[] {
  return sites.map((siteOrgId) => {
    const expected = participants.filter((p) => p.siteOrgId === siteOrgId && p.consented);
    return {
      siteOrgId,
      participants: expected.length,
      visits: schedule.visits.map((v) => {
        const counts = { complete: 0, partial: 0, missing: 0 };
        for (const p of expected) {
          const have = schedule.measures.filter((m) => points.has(dataPointKey({ participantId: p.id, measure: m.code, visit: v.code }))).length;
          if (schedule.measures.length > 0 && have === schedule.measures.length) counts.complete++;
          else if (have > 0) counts.partial++;
          else counts.missing++;
        }
        return { visit: v.code, label: v.label, ...counts };
      }),
    };
  });
}
