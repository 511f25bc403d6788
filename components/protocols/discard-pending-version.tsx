"use client";

import { useState } from "react";
import { ApiError, messageOf } from "@/components/api-client";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { buttonStyles, inputStyles } from "@/components/ui/styles";
import { useDiscardVersion } from "./hooks/use-discard-version";
import type { PendingCommitment } from "./hooks/use-sponsor-trial";

/**
 * Discards the version awaiting signature, after an explicit confirmation with a reason (kept in the trial's audit
 * trail). The version never reaches the log or the chain; the draft becomes editable again.
 */
export function DiscardPendingVersion({
  trialId,
  pending,
  disabled,
  onDiscarded,
}: {
  trialId: string;
  pending: PendingCommitment;
  disabled: boolean;
  onDiscarded: () => Promise<unknown>;
}) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const discard = useDiscardVersion(trialId, onDiscarded);
  const fieldErrors = discard.error instanceof ApiError ? discard.error.fieldErrors : {};

  if (!open) {
    return (
      <div>
        <button type="button" className={buttonStyles.danger} data-testid="discard-open" disabled={disabled} onClick={() => setOpen(true)}>
          Discard version {pending.version}…
        </button>
      </div>
    );
  }
  return (
    <div
      role="group"
      aria-labelledby="discard-heading"
      className="flex flex-col gap-3 rounded-md border border-red-300 bg-red-50 p-4"
      data-testid="discard-confirmation"
    >
      <p id="discard-heading" className="text-sm font-semibold text-red-950">
        Discard version {pending.version} awaiting signature?
      </p>
      <p className="text-sm text-slate-900">
        It will never be committed on chain nor added to the trial&apos;s log; the discard and your reason are recorded in the trial&apos;s audit
        trail. Your draft stays as it is, so you can correct it and prepare version {pending.version} again. Do not sign it afterwards from another
        tab.
      </p>
      <Field id="discard-reason" label="Reason for discarding" hint="Required." errors={fieldErrors.reason}>
        {(props) => (
          <textarea
            {...props}
            rows={2}
            className={inputStyles}
            data-testid="discard-reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        )}
      </Field>
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          className={buttonStyles.danger}
          data-testid="discard-confirm"
          disabled={disabled || !reason.trim() || discard.isPending}
          onClick={() => discard.mutate({ protocolHash: pending.protocolHash, reason: reason.trim() })}
        >
          {discard.isPending ? "Discarding…" : `Discard version ${pending.version}`}
        </button>
        <button
          type="button"
          className={buttonStyles.secondary}
          data-testid="discard-cancel"
          disabled={discard.isPending}
          onClick={() => {
            setOpen(false);
            discard.reset();
          }}
        >
          Keep it
        </button>
      </div>
      {discard.error ? (
        <Alert tone="error" title="Not discarded" testId="discard-error">
          {messageOf(discard.error)}
        </Alert>
      ) : null}
    </div>
  );
}
