"use client";

import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { buttonStyles } from "@/components/ui/styles";
import { EmptyState } from "@/components/ui/table";
import { UtcTime } from "@/components/ui/utc-time";
import type { ParticipantOutcomesResult } from "@/lib/api/results";
import { OUTCOME_SOURCE_LABEL } from "@/lib/vocabulary/outcome-source";
import { CorrectOutcomeForm } from "./correct-outcome-form";
import { ValueHistory } from "./value-history";

type Entry = ParticipantOutcomesResult["timeline"][number];

/**
 * The participant's current values by observation time. A corrected value can show its earlier values (struck
 * through, with who, when and why); each current value can be corrected. Corrections stay possible after a
 * withdrawal (docs/outcomes.md#corrections): the server decides, and says why when it refuses.
 */
export function OutcomeTimeline({ participantId, timeline }: { participantId: string; timeline: Entry[] }) {
  if (timeline.length === 0) return <EmptyState>No value is recorded for this participant yet.</EmptyState>;
  return (
    <ol className="flex flex-col divide-y divide-slate-200" data-testid="outcome-timeline">
      {timeline.map((entry) => (
        <TimelineEntry key={entry.valueId} participantId={participantId} entry={entry} />
      ))}
    </ol>
  );
}

function TimelineEntry({ participantId, entry }: { participantId: string; entry: Entry }) {
  const [correcting, setCorrecting] = useState(false);
  const [showHistory, setShowHistory] = useState(false);
  const label = `${entry.measure} at ${entry.visit}`;
  return (
    <li className="py-3" data-testid="timeline-entry">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-900">
        <span className="font-mono">{entry.measure}</span>
        <span>{entry.visit}</span>
        <strong data-testid="timeline-value">
          {entry.value} {entry.unit}
        </strong>
        <span>
          observed <UtcTime value={entry.observedAt} />
        </span>
        <span>{OUTCOME_SOURCE_LABEL[entry.source]}</span>
        {entry.inWindow === false ? <Badge tone="warn">outside the visit window</Badge> : null}
        {entry.inWindow === true ? <Badge tone="good">in the visit window</Badge> : null}
        {entry.corrections > 0 ? <Badge tone="neutral">{`corrected ${entry.corrections}×`}</Badge> : null}
      </div>
      <p className="mt-1 text-xs text-slate-700">
        {entry.correctsId ? "Corrected" : "Recorded"} by {entry.recordedBy.name ?? entry.recordedBy.userId} at <UtcTime value={entry.recordedAt} />
        {entry.reasonLabel ? ` · why: ${entry.reasonText ? `${entry.reasonLabel}: ${entry.reasonText}` : entry.reasonLabel}` : null} · record{" "}
        {entry.leafIndex} of the trial&apos;s log
      </p>
      <div className="mt-2 flex flex-wrap gap-2">
        {entry.corrections > 0 ? (
          <button
            type="button"
            className={buttonStyles.small}
            aria-expanded={showHistory}
            onClick={() => setShowHistory(!showHistory)}
            data-testid="show-history"
          >
            {showHistory ? "Hide earlier values" : "Show earlier values"}
          </button>
        ) : null}
        {correcting ? null : (
          <button
            type="button"
            className={buttonStyles.small}
            onClick={() => setCorrecting(true)}
            aria-label={`Correct ${label}`}
            data-testid="correct-open"
          >
            Correct
          </button>
        )}
      </div>
      {showHistory ? <ValueHistory participantId={participantId} measure={entry.measure} visit={entry.visit} /> : null}
      {correcting ? <CorrectOutcomeForm valueId={entry.valueId} label={label} unit={entry.unit} onDone={() => setCorrecting(false)} /> : null}
    </li>
  );
}
