"use client";

import type { FieldErrors } from "@/components/api-client";
import { CONSENT_SIGNER_LABEL, CONSENT_SIGNERS } from "@/lib/vocabulary/consent-signer";
import { fieldId, type ConsentContent } from "./consent-draft-data";
import { ListErrors } from "./form-controls";

type Signers = ConsentContent["signers"];

/**
 * Who signs: the participant, or a legally authorized representative (who states their relationship to the
 * participant when signing); whether an impartial witness signs too; whether the investigator countersigns.
 */
export function SignersFields({
  signers,
  onChange,
  errors,
  disabled,
}: {
  signers: Signers;
  onChange: (signers: Signers) => void;
  errors: FieldErrors;
  disabled: boolean;
}) {
  const checkbox = (key: "witnessRequired" | "countersignatureRequired", label: string, hint: string) => {
    const id = fieldId(`content.signers.${key}`);
    return (
      <div className="flex items-start gap-2">
        <input
          id={id}
          data-testid={id}
          type="checkbox"
          className="mt-1 h-4 w-4"
          aria-describedby={`${id}-hint`}
          checked={signers[key]}
          disabled={disabled}
          onChange={(e) => onChange({ ...signers, [key]: e.target.checked })}
        />
        <div>
          <label htmlFor={id} className="text-sm font-medium text-slate-900">
            {label}
          </label>
          <p id={`${id}-hint`} className="text-xs text-slate-700">
            {hint}
          </p>
          <ListErrors errors={errors} path={`content.signers.${key}`} />
        </div>
      </div>
    );
  };
  return (
    <div className="flex flex-col gap-4">
      <fieldset className="flex flex-col gap-2">
        <legend className="text-sm font-medium text-slate-900">Who signs</legend>
        <ListErrors errors={errors} path="content.signers.signer" />
        {CONSENT_SIGNERS.map((s) => {
          const id = fieldId(`content.signers.signer-${s}`);
          return (
            <div key={s} className="flex items-center gap-2">
              <input
                id={id}
                data-testid={id}
                type="radio"
                name="cf-signer"
                className="h-4 w-4"
                checked={signers.signer === s}
                disabled={disabled}
                onChange={() => onChange({ ...signers, signer: s })}
              />
              <label htmlFor={id} className="text-sm text-slate-900">
                {CONSENT_SIGNER_LABEL[s]}
                {s === "representative" ? " (states their relationship to the participant when signing)" : ""}
              </label>
            </div>
          );
        })}
      </fieldset>
      {checkbox("witnessRequired", "A witness signs too", "For a signer who cannot read the form: an impartial witness confirms it was explained.")}
      {checkbox(
        "countersignatureRequired",
        "The investigator countersigns",
        "The site confirms the signer's identity and that consent was obtained.",
      )}
    </div>
  );
}
