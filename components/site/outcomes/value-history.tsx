"use client";

import { useQuery } from "@tanstack/react-query";
import { apiRequest, messageOf } from "@/components/api-client";
import { Alert } from "@/components/ui/alert";
import { UtcTime } from "@/components/ui/utc-time";
import type { OutcomeHistoryResult } from "@/lib/api/results";

/**
 * Every value of one data point, read when asked for: the earlier values struck through (they stay in the record), each
 * with who recorded it and when, and for each correction why. The current value is the last one.
 */
export function ValueHistory({ participantId, measure, visit }: { participantId: string; measure: string; visit: string }) {
  const query = new URLSearchParams({ participantId, measure, visit }).toString();
  const history = useQuery({
    queryKey: ["outcome-history", participantId, measure, visit],
    queryFn: ({ signal }) => apiRequest<OutcomeHistoryResult>("GET", `/api/site/outcomes/history?${query}`, undefined, { signal }),
  });
  if (history.error) return <Alert tone="error">{messageOf(history.error)}</Alert>;
  if (!history.data) return <p className="text-sm text-slate-700">Loading the values…</p>;
  const values = history.data.values;
  return (
    <ol className="mt-2 flex flex-col gap-1 text-sm text-slate-900" aria-label={`Values of ${measure} at ${visit}`} data-testid="value-history">
      {values.map((v, i) => {
        const current = i === values.length - 1;
        const shown = `${v.value} ${v.unit}`;
        return (
          <li key={v.valueId} data-testid={current ? "history-current" : "history-earlier"}>
            {current ? <strong>{shown}</strong> : <del>{shown}</del>}
            {current ? " (current)" : " (replaced)"} · {v.correctsId ? "corrected" : "recorded"} by {v.recordedBy.name ?? v.recordedBy.userId} at{" "}
            <UtcTime value={v.recordedAt} />
            {v.reasonLabel ? ` · why: ${v.reasonText ? `${v.reasonLabel}: ${v.reasonText}` : v.reasonLabel}` : null}
          </li>
        );
      })}
    </ol>
  );
}
