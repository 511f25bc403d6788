"use client";

import type { FieldErrors } from "@/components/api-client";
import { buttonStyles } from "@/components/ui/styles";
import { moved, nextId, removed, replaced, type ConsentContent } from "./consent-draft-data";
import { Group, ItemControls, ListErrors, TextField } from "./form-controls";

type GlossaryEntry = ConsentContent["glossary"][number];
type Choice = ConsentContent["choices"][number];

/** The glossary: terms a participant can look up while reading, each with its plain-language definition. */
export function GlossaryEditor({
  glossary,
  onChange,
  errors,
  disabled,
}: {
  glossary: GlossaryEntry[];
  onChange: (glossary: GlossaryEntry[]) => void;
  errors: FieldErrors;
  disabled: boolean;
}) {
  return (
    <div className="flex flex-col gap-4">
      <ListErrors errors={errors} path="content.glossary" />
      {glossary.length === 0 ? <p className="text-sm text-slate-700">No glossary terms.</p> : null}
      {glossary.map((entry, i) => (
        <Group
          key={i}
          legend={`Term ${i + 1}`}
          actions={
            disabled ? undefined : (
              <ItemControls
                what={`term ${i + 1}`}
                index={i}
                count={glossary.length}
                onMove={(by) => onChange(moved(glossary, i, by))}
                onRemove={() => onChange(removed(glossary, i))}
              />
            )
          }
        >
          <TextField
            path={`content.glossary.${i}.term`}
            label="Term"
            value={entry.term}
            errors={errors}
            disabled={disabled}
            onChange={(term) => onChange(replaced(glossary, i, { ...entry, term }))}
          />
          <TextField
            path={`content.glossary.${i}.definition`}
            label="Definition"
            rows={2}
            value={entry.definition}
            errors={errors}
            disabled={disabled}
            onChange={(definition) => onChange(replaced(glossary, i, { ...entry, definition }))}
          />
        </Group>
      ))}
      {disabled ? null : (
        <button
          type="button"
          className={`${buttonStyles.secondary} self-start`}
          onClick={() => onChange([...glossary, { term: "", definition: "" }])}
        >
          Add a term
        </button>
      )}
    </div>
  );
}

/**
 * Optional parts of the study (future contact, sample storage) that a participant accepts or declines one by one.
 * Their ids are kept across versions: signatures and withdrawals refer to them.
 */
export function ChoicesEditor({
  choices,
  onChange,
  errors,
  disabled,
}: {
  choices: Choice[];
  onChange: (choices: Choice[]) => void;
  errors: FieldErrors;
  disabled: boolean;
}) {
  return (
    <div className="flex flex-col gap-4">
      <ListErrors errors={errors} path="content.choices" />
      {choices.length === 0 ? <p className="text-sm text-slate-700">No optional choices.</p> : null}
      {choices.map((choice, i) => (
        <Group
          key={choice.id}
          legend={`Choice ${i + 1} (${choice.id})`}
          actions={
            disabled ? undefined : (
              <ItemControls
                what={`choice ${i + 1}`}
                index={i}
                count={choices.length}
                onMove={(by) => onChange(moved(choices, i, by))}
                onRemove={() => onChange(removed(choices, i))}
              />
            )
          }
        >
          <TextField
            path={`content.choices.${i}.text`}
            label="What the participant accepts or declines"
            rows={2}
            value={choice.text}
            errors={errors}
            disabled={disabled}
            onChange={(text) => onChange(replaced(choices, i, { ...choice, text }))}
          />
        </Group>
      ))}
      {disabled ? null : (
        <button
          type="button"
          className={`${buttonStyles.secondary} self-start`}
          onClick={() =>
            onChange([
              ...choices,
              {
                id: nextId(
                  "choice_",
                  choices.map((c) => c.id),
                ),
                text: "",
              },
            ])
          }
        >
          Add a choice
        </button>
      )}
    </div>
  );
}
