"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ApiError, apiRequest, messageOf } from "@/components/api-client";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { buttonStyles, inputStyles } from "@/components/ui/styles";
import type { CorrectedOutcomeResult } from "@/lib/api/results";
import type { TCorrectOutcomeRequest } from "@/lib/schemas/outcomes";
import {
  CORRECTION_REASON_LABEL,
  CORRECTION_REASONS,
  CORRECTION_REASONS_NEEDING_TEXT,
  type CorrectionReason,
} from "@/lib/vocabulary/correction-reason";

/**
 * A correction of one current value: the corrected value in the same unit and a reason from the list ("other" needs
 * the investigator's words). The observation time stays the corrected value's. The original is kept and shown struck
 * through once the page refreshes.
 */
export function CorrectOutcomeForm({ valueId, label, unit, onDone }: { valueId: string; label: string; unit: string; onDone: () => void }) {
  const router = useRouter();
  const [value, setValue] = useState("");
  const [reason, setReason] = useState<CorrectionReason>("transcription_error");
  const [reasonText, setReasonText] = useState("");
  const needsText = CORRECTION_REASONS_NEEDING_TEXT.includes(reason);

  const correct = useMutation({
    mutationFn: (input: TCorrectOutcomeRequest) => apiRequest<CorrectedOutcomeResult>("POST", "/api/site/outcomes/corrections", input),
    onSuccess: () => {
      router.refresh();
      onDone();
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = reasonText.trim();
    correct.mutate({ correctsId: valueId, value: value.trim(), unit, reason, ...(needsText && text ? { reasonText: text } : {}) });
  }

  const fieldErrors = correct.error instanceof ApiError ? correct.error.fieldErrors : {};
  const id = (name: string) => `correct-${valueId}-${name}`;

  return (
    <form
      className="mt-2 flex flex-col gap-3 rounded-md border border-slate-300 p-3"
      onSubmit={onSubmit}
      aria-label={`Correct ${label}`}
      data-testid="correct-form"
    >
      <Field id={id("value")} label={`Corrected value in ${unit}`} errors={[...(fieldErrors.value ?? []), ...(fieldErrors.unit ?? [])]}>
        {(props) => (
          <input
            {...props}
            required
            inputMode="decimal"
            maxLength={40}
            className={inputStyles}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            data-testid="correct-value"
          />
        )}
      </Field>
      <fieldset className="flex flex-col gap-1" aria-describedby={fieldErrors.reason?.length ? id("reason-error") : undefined}>
        <legend className="text-sm font-medium text-slate-900">Why is it corrected?</legend>
        {CORRECTION_REASONS.map((r) => (
          <label key={r} className="flex items-center gap-2 text-sm text-slate-900">
            <input
              type="radio"
              name={id("reason")}
              value={r}
              checked={reason === r}
              onChange={() => setReason(r)}
              data-testid={`correct-reason-${r}`}
            />
            {CORRECTION_REASON_LABEL[r]}
          </label>
        ))}
        {fieldErrors.reason?.length ? (
          <p id={id("reason-error")} className="text-sm font-medium text-red-800">
            {fieldErrors.reason.join(" ")}
          </p>
        ) : null}
      </fieldset>
      {needsText ? (
        <Field id={id("text")} label="Say what was wrong" errors={fieldErrors.reasonText}>
          {(props) => (
            <textarea
              {...props}
              maxLength={1000}
              rows={2}
              className={inputStyles}
              value={reasonText}
              onChange={(e) => setReasonText(e.target.value)}
              data-testid="correct-reason-text"
            />
          )}
        </Field>
      ) : null}
      {correct.error ? (
        <Alert
          tone="error"
          title={correct.error instanceof ApiError && correct.error.status === 409 ? "Not corrected" : undefined}
          testId="correct-error"
        >
          {messageOf(correct.error)}
        </Alert>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <button type="submit" className={buttonStyles.primary} disabled={correct.isPending} data-testid="correct-submit">
          {correct.isPending ? "Correcting…" : "Save correction"}
        </button>
        <button type="button" className={buttonStyles.secondary} onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
