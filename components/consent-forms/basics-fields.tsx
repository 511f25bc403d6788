"use client";

import type { FieldErrors } from "@/components/api-client";
import { Field } from "@/components/ui/field";
import { inputStyles } from "@/components/ui/styles";
import { fieldAt, type ConsentDraft } from "./consent-draft-data";
import { TextField } from "./form-controls";

/** The form's title, language and the protocol version it was written for. */
export function BasicsFields({
  draft,
  onChange,
  errors,
  disabled,
  protocolVersions,
}: {
  draft: ConsentDraft;
  onChange: (draft: ConsentDraft) => void;
  errors: FieldErrors;
  disabled: boolean;
  protocolVersions: number[];
}) {
  const protocol = fieldAt(errors, "protocolVersion");
  // A draft may name a version the trial does not have (activation then refuses it): keep it selectable, so it shows.
  const versions = protocolVersions.includes(draft.protocolVersion) ? protocolVersions : [...protocolVersions, draft.protocolVersion];
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <div className="sm:col-span-2">
        <TextField
          path="title"
          label="Title"
          value={draft.title}
          errors={errors}
          disabled={disabled}
          onChange={(title) => onChange({ ...draft, title })}
        />
      </div>
      <TextField
        path="language"
        label="Language"
        hint="A language tag: en, fr, es-MX, …"
        value={draft.language}
        errors={errors}
        disabled={disabled}
        onChange={(language) => onChange({ ...draft, language })}
      />
      <Field id={protocol.id} label="Protocol version" hint="The protocol version this form describes." errors={protocol.errors}>
        {(props) => (
          <select
            {...props}
            className={inputStyles}
            data-testid={protocol.id}
            disabled={disabled}
            value={draft.protocolVersion}
            onChange={(e) => onChange({ ...draft, protocolVersion: Number(e.target.value) })}
          >
            {versions.map((v) => (
              <option key={v} value={v}>
                Version {v}
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}
