"use client";

import type { ReactNode } from "react";
import type { FieldErrors } from "@/components/api-client";
import { Field } from "@/components/ui/field";
import { buttonStyles, inputStyles } from "@/components/ui/styles";

/** The test id (and element id) of a form field, from its path: "primaryOutcomes.0.title" → "protocol-primaryOutcomes-0-title". */
export const testId = (path: string) => `protocol-${path.replace(/\./g, "-")}`;

export function Fieldset({ legend, hint, errors, children }: { legend: string; hint?: string; errors?: string[]; children: ReactNode }) {
  return (
    <fieldset className="flex flex-col gap-3 rounded-md border border-slate-200 p-4">
      <legend className="px-1 text-sm font-semibold text-slate-900">{legend}</legend>
      {hint ? <p className="text-xs text-slate-700">{hint}</p> : null}
      {errors?.length ? <p className="text-sm font-medium text-red-800">{errors.join(" ")}</p> : null}
      {children}
    </fieldset>
  );
}

interface RepeatField<K extends string> {
  key: K;
  label: string;
  hint?: string;
  long?: boolean;
}

/** A repeatable group (outcomes, arms, interventions, identifiers): add and remove rows. */
export function Repeat<K extends string>({
  path,
  legend,
  addLabel,
  rows,
  empty,
  fields,
  errors,
  disabled,
  onChange,
}: {
  path: string;
  legend: string;
  addLabel: string;
  rows: Record<K, string>[];
  empty: Record<K, string>;
  fields: RepeatField<K>[];
  errors: FieldErrors;
  disabled?: boolean;
  onChange: (rows: Record<K, string>[]) => void;
}) {
  const groupErrors = errors[path];
  return (
    <fieldset className="flex flex-col gap-3" data-testid={testId(path)}>
      <legend className="text-sm font-semibold text-slate-900">{legend}</legend>
      {groupErrors?.length ? (
        <p className="text-sm font-medium text-red-800" data-testid={`${testId(path)}-error`}>
          {groupErrors.join(" ")}
        </p>
      ) : null}
      {rows.length === 0 ? <p className="text-xs text-slate-700">None yet.</p> : null}
      {rows.map((row, i) => (
        <div key={i} className="flex flex-col gap-3 rounded-md border border-slate-200 bg-slate-50 p-3" data-testid={`${testId(path)}-row`}>
          <div className="flex items-center justify-between">
            <span className="text-xs font-semibold text-slate-800">
              {legend} #{i + 1}
            </span>
            <button
              type="button"
              className={buttonStyles.small}
              disabled={disabled}
              aria-label={`Remove ${legend.toLowerCase()} #${i + 1}`}
              onClick={() => onChange(rows.filter((_, j) => j !== i))}
            >
              Remove
            </button>
          </div>
          {errors[`${path}.${i}`]?.length ? <p className="text-sm font-medium text-red-800">{errors[`${path}.${i}`]!.join(" ")}</p> : null}
          <div className="grid gap-3 sm:grid-cols-3">
            {fields.map((f) => {
              const p = `${path}.${i}.${f.key}`;
              return (
                <Field key={f.key} id={testId(p)} label={f.label} hint={f.hint} errors={errors[p]}>
                  {(props) =>
                    f.long ? (
                      <textarea
                        {...props}
                        rows={2}
                        data-testid={testId(p)}
                        className={inputStyles}
                        disabled={disabled}
                        value={row[f.key]}
                        onChange={(e) => onChange(rows.map((r, j) => (j === i ? { ...r, [f.key]: e.target.value } : r)))}
                      />
                    ) : (
                      <input
                        {...props}
                        type="text"
                        data-testid={testId(p)}
                        className={inputStyles}
                        disabled={disabled}
                        value={row[f.key]}
                        onChange={(e) => onChange(rows.map((r, j) => (j === i ? { ...r, [f.key]: e.target.value } : r)))}
                      />
                    )
                  }
                </Field>
              );
            })}
          </div>
        </div>
      ))}
      <div>
        <button
          type="button"
          className={buttonStyles.secondary}
          disabled={disabled}
          data-testid={`${testId(path)}-add`}
          onClick={() => onChange([...rows, { ...empty }])}
        >
          {addLabel}
        </button>
      </div>
    </fieldset>
  );
}
