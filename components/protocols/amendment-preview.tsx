"use client";

import { Badge } from "@/components/ui/badge";
import { diffProtocols, outcomesChanged } from "@/lib/protocols/diff";
import { fieldLabel } from "@/components/registry/protocol-view";

const show = (v: unknown) => (v === undefined ? "—" : typeof v === "string" ? v : JSON.stringify(v));

/** What the amendment changes against the latest committed version, field by field (outcomes highlighted). */
export function AmendmentPreview({
  base,
  baseVersion,
  draft,
}: {
  base: Record<string, unknown>;
  baseVersion: number;
  draft: Record<string, unknown>;
}) {
  const diff = diffProtocols(base, draft);
  return (
    <div className="flex flex-col gap-2" data-testid="amendment-preview">
      <p className="text-sm font-medium text-slate-900">
        Changes against version {baseVersion}: {diff.length === 0 ? "none yet" : `${diff.length} ${diff.length === 1 ? "field" : "fields"}`}
      </p>
      {outcomesChanged(diff) ? (
        <p
          className="rounded-md border border-amber-400 bg-amber-50 px-3 py-2 text-sm font-semibold text-amber-950"
          data-testid="amendment-outcomes-changed"
        >
          This amendment changes registered outcomes. The change and your reason will be shown publicly.
        </p>
      ) : null}
      {diff.length > 0 ? (
        <ul className="flex flex-col divide-y divide-slate-200 rounded-md border border-slate-200 text-sm">
          {diff.map((d) => (
            <li
              key={d.field}
              className={`flex flex-col gap-1 px-3 py-2 ${d.isOutcome ? "border-l-4 border-l-amber-500 bg-amber-50" : ""}`}
              data-testid="amendment-change"
              data-field={d.field}
            >
              <span className="flex flex-wrap items-center gap-2">
                <span className="font-medium text-slate-900">{fieldLabel(d.path)}</span>
                <Badge tone={d.change === "added" ? "good" : d.change === "removed" ? "bad" : "info"}>{d.change}</Badge>
                {d.isOutcome ? <Badge tone="warn">Outcome</Badge> : null}
              </span>
              <span className="break-words text-slate-800">
                <del className="text-red-900">{show(d.before)}</del> → <ins className="text-emerald-900 no-underline">{show(d.after)}</ins>
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
