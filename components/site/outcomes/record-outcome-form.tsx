"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ApiError, apiRequest, messageOf } from "@/components/api-client";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { buttonStyles, inputStyles } from "@/components/ui/styles";
import type { ParticipantOutcomesResult, RecordedOutcomeResult } from "@/lib/api/results";
import type { TRecordOutcomeRequest } from "@/lib/schemas/outcomes";
import { OUTCOME_SOURCE_LABEL, OUTCOME_SOURCES, type OutcomeSource } from "@/lib/vocabulary/outcome-source";
import { normalizeObservedAt, nowInUtc } from "./observed-at";

type Measure = ParticipantOutcomesResult["measures"][number];

/**
 * Data entry for one visit: a measure of the registered protocol not yet recorded at this visit (its unit is the
 * protocol's, shown and sent as is), the value as typed (a decimal string: the record hashes what was typed), when it
 * was observed in UTC and where it was read from. A refusal of the consent gate (409) is shown above the button; a
 * field the server refuses (422) is named under that field.
 */
export function RecordOutcomeForm({ participantId, visit, measures }: { participantId: string; visit: string; measures: Measure[] }) {
  const router = useRouter();
  const [chosen, setMeasure] = useState(measures[0]?.code ?? "");
  // Once a measure is recorded the page refreshes without it: the choice falls back to the first one still open.
  const measure = measures.some((m) => m.code === chosen) ? chosen : (measures[0]?.code ?? "");
  const [value, setValue] = useState("");
  const [observedAt, setObservedAt] = useState("");
  const [source, setSource] = useState<OutcomeSource>("crf");
  const unit = measures.find((m) => m.code === measure)?.unit ?? "";

  const recordIt = useMutation({
    mutationFn: (input: TRecordOutcomeRequest) => apiRequest<RecordedOutcomeResult>("POST", "/api/site/outcomes", input),
    onSuccess: () => {
      setValue("");
      router.refresh();
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    recordIt.mutate({ participantId, measure, visit, value: value.trim(), unit, observedAt: normalizeObservedAt(observedAt), source });
  }

  const fieldErrors = recordIt.error instanceof ApiError ? recordIt.error.fieldErrors : {};
  const id = (name: string) => `record-${visit}-${name}`;
  const refusal = recordIt.error instanceof ApiError && recordIt.error.status === 409;

  return (
    <form className="flex flex-col gap-3" onSubmit={onSubmit} aria-label={`Record a value at ${visit}`} data-testid={`record-form-${visit}`}>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id={id("measure")} label="Measure" errors={fieldErrors.measure}>
          {(props) => (
            <select {...props} className={inputStyles} value={measure} onChange={(e) => setMeasure(e.target.value)} data-testid="record-measure">
              {measures.map((m) => (
                <option key={m.code} value={m.code}>
                  {m.title || m.code} ({m.code}, {m.unit})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id={id("value")}
          label={`Value in ${unit}`}
          hint="A decimal number as measured, such as 148 or 7.25."
          errors={[...(fieldErrors.value ?? []), ...(fieldErrors.unit ?? [])]}
        >
          {(props) => (
            <div className="flex items-center gap-2">
              <input
                {...props}
                required
                inputMode="decimal"
                maxLength={40}
                className={inputStyles}
                value={value}
                onChange={(e) => setValue(e.target.value)}
                data-testid="record-value"
              />
              <span className="font-mono text-sm text-slate-900" data-testid="record-unit">
                {unit}
              </span>
            </div>
          )}
        </Field>
        <Field id={id("observed")} label="Observed at (UTC)" hint="Such as 2026-11-21T09:50Z." errors={fieldErrors.observedAt}>
          {(props) => (
            <div className="flex items-center gap-2">
              <input
                {...props}
                required
                className={inputStyles}
                value={observedAt}
                onChange={(e) => setObservedAt(e.target.value)}
                data-testid="record-observed-at"
              />
              <button type="button" className={buttonStyles.small} onClick={() => setObservedAt(nowInUtc())}>
                Now
              </button>
            </div>
          )}
        </Field>
        <Field id={id("source")} label="Source" errors={fieldErrors.source}>
          {(props) => (
            <select
              {...props}
              className={inputStyles}
              value={source}
              onChange={(e) => setSource(e.target.value as OutcomeSource)}
              data-testid="record-source"
            >
              {OUTCOME_SOURCES.map((s) => (
                <option key={s} value={s}>
                  {OUTCOME_SOURCE_LABEL[s]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {recordIt.error ? (
        <Alert tone="error" title={refusal ? "Not recorded" : undefined} testId="record-error">
          {messageOf(recordIt.error)}
        </Alert>
      ) : null}
      {recordIt.data ? (
        <Alert tone="success" testId="record-done">
          Recorded {recordIt.data.measure} = {recordIt.data.value} {recordIt.data.unit} as record {recordIt.data.leafIndex} of the trial&apos;s log.
        </Alert>
      ) : null}
      <div>
        <button type="submit" className={buttonStyles.primary} disabled={recordIt.isPending || !measure} data-testid="record-submit">
          {recordIt.isPending ? "Recording…" : "Record value"}
        </button>
      </div>
    </form>
  );
}
