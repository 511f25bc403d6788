"use client";

import { useMemo, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Field } from "@/components/ui/field";
import { inputStyles } from "@/components/ui/styles";
import { EmptyState } from "@/components/ui/table";
import { diffProtocols, outcomesChanged } from "@/lib/protocols/diff";
import { fieldLabel, fieldValue } from "./protocol-view";

/** A changed value as text; a top-level choice field (phase, masking…) by its label. */
function show(path: (string | number)[], value: unknown): string {
  if (value === undefined) return "—";
  const shown = path.length === 1 ? fieldValue(String(path[0]), value) : value;
  return typeof shown === "string" ? shown : JSON.stringify(shown);
}

/** Field-by-field difference between any two protocol versions; outcome changes are highlighted. */
export function VersionDiff({ versions }: { versions: { version: number; protocol: Record<string, unknown> }[] }) {
  const sorted = [...versions].sort((a, b) => a.version - b.version);
  const last = sorted[sorted.length - 1]?.version ?? 1;
  const [from, setFrom] = useState(sorted.length > 1 ? sorted[sorted.length - 2]!.version : last);
  const [to, setTo] = useState(last);
  const diff = useMemo(() => {
    const a = sorted.find((v) => v.version === from)?.protocol ?? {};
    const b = sorted.find((v) => v.version === to)?.protocol ?? {};
    return diffProtocols(a, b);
  }, [sorted, from, to]);

  const select = (id: string, label: string, value: number, set: (n: number) => void) => (
    <Field id={id} label={label}>
      {(props) => (
        <select {...props} className={inputStyles} data-testid={id} value={value} onChange={(e) => set(Number(e.target.value))}>
          {sorted.map((v) => (
            <option key={v.version} value={v.version}>
              Version {v.version}
            </option>
          ))}
        </select>
      )}
    </Field>
  );

  return (
    <div className="flex flex-col gap-4">
      <div className="grid gap-3 sm:w-96 sm:grid-cols-2">
        {select("diff-from", "Compare version", from, setFrom)}
        {select("diff-to", "with version", to, setTo)}
      </div>
      {outcomesChanged(diff) ? (
        <p
          role="status"
          className="rounded-md border border-amber-400 bg-amber-50 px-3 py-2 text-sm font-semibold text-amber-950"
          data-testid="diff-outcomes-changed"
        >
          Outcomes changed between version {from} and version {to}.
        </p>
      ) : null}
      {from === to ? (
        <EmptyState>Choose two different versions.</EmptyState>
      ) : diff.length === 0 ? (
        <EmptyState>
          No field differs between version {from} and version {to}.
        </EmptyState>
      ) : (
        <ul
          className="flex flex-col divide-y divide-slate-200 rounded-md border border-slate-200"
          aria-label={`Changes from version ${from} to version ${to}`}
          data-testid="diff-list"
        >
          {diff.map((d) => (
            <li
              key={d.field}
              data-testid="diff-row"
              data-field={d.field}
              data-outcome={d.isOutcome ? "true" : "false"}
              className={`flex flex-col gap-1 px-3 py-2 text-sm ${d.isOutcome ? "border-l-4 border-l-amber-500 bg-amber-50" : ""}`}
            >
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-medium text-slate-900">{fieldLabel(d.path)}</span>
                <Badge tone={d.change === "added" ? "good" : d.change === "removed" ? "bad" : "info"}>{d.change}</Badge>
                {d.isOutcome ? <Badge tone="warn">Outcome</Badge> : null}
              </div>
              <div className="grid gap-2 sm:grid-cols-2">
                <p className="break-words">
                  <span className="text-xs font-semibold text-slate-700">Version {from}: </span>
                  <del className="text-red-900">{show(d.path, d.before)}</del>
                </p>
                <p className="break-words">
                  <span className="text-xs font-semibold text-slate-700">Version {to}: </span>
                  <ins className="text-emerald-900 no-underline">{show(d.path, d.after)}</ins>
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
