"use client";

import type { FieldErrors } from "@/components/api-client";
import { Field } from "@/components/ui/field";
import { buttonStyles, inputStyles } from "@/components/ui/styles";
import { QUESTION_KIND_LABEL, QUESTION_KINDS, ZQuestionKind } from "@/lib/vocabulary/question-kind";
import { fieldAt, fieldId, nextId, removed, replaced, type ConsentQuestion } from "./consent-draft-data";
import { ListErrors, TextField } from "./form-controls";

const MAX_OPTIONS = 10;
const MIN_OPTIONS = 2;

/**
 * One knowledge-check question: its kind, the prompt, the options with the correct one(s) marked, and the
 * explanation a participant sees after answering. Option ids stay fixed (answers refer to them).
 */
export function QuestionEditor({
  question,
  path,
  onChange,
  errors,
  disabled,
}: {
  question: ConsentQuestion;
  path: string;
  onChange: (question: ConsentQuestion) => void;
  errors: FieldErrors;
  disabled: boolean;
}) {
  const kindField = fieldAt(errors, `${path}.kind`);
  const single = question.kind === "single";
  const setCorrect = (optionId: string, on: boolean) => {
    if (single) return onChange({ ...question, correct: [optionId] });
    const correct = on ? [...question.correct, optionId] : question.correct.filter((c) => c !== optionId);
    onChange({ ...question, correct: question.options.map((o) => o.id).filter((id) => correct.includes(id)) });
  };

  return (
    <div className="flex flex-col gap-4">
      <Field id={kindField.id} label="Kind of question" errors={kindField.errors}>
        {(props) => (
          <select
            {...props}
            className={inputStyles}
            data-testid={kindField.id}
            disabled={disabled}
            value={question.kind}
            onChange={(e) => {
              const kind = ZQuestionKind.parse(e.target.value);
              onChange({ ...question, kind, correct: kind === "single" ? question.correct.slice(0, 1) : question.correct });
            }}
          >
            {QUESTION_KINDS.map((k) => (
              <option key={k} value={k}>
                {QUESTION_KIND_LABEL[k]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <TextField
        path={`${path}.prompt`}
        label="Question"
        rows={2}
        value={question.prompt}
        errors={errors}
        disabled={disabled}
        onChange={(prompt) => onChange({ ...question, prompt })}
      />

      <fieldset className="flex flex-col gap-3">
        <legend className="text-sm font-medium text-slate-900">Options ({single ? "mark the correct answer" : "mark every correct answer"})</legend>
        <ListErrors errors={errors} path={`${path}.options`} />
        <ListErrors errors={errors} path={`${path}.correct`} />
        {question.options.map((option, j) => {
          const optionPath = `${path}.options.${j}`;
          const correctId = `${fieldId(optionPath)}-correct`;
          const isCorrect = question.correct.includes(option.id);
          return (
            <div key={option.id} className="flex flex-col gap-2 rounded-md bg-slate-50 p-3 sm:flex-row sm:items-end">
              <div className="grow">
                <TextField
                  path={`${optionPath}.text`}
                  label={`Option ${j + 1}`}
                  value={option.text}
                  errors={errors}
                  disabled={disabled}
                  onChange={(text) => onChange({ ...question, options: replaced(question.options, j, { ...option, text }) })}
                />
              </div>
              <div className="flex items-center gap-2 pb-2">
                <input
                  id={correctId}
                  data-testid={correctId}
                  type={single ? "radio" : "checkbox"}
                  name={single ? `${fieldId(path)}-correct` : undefined}
                  className="h-4 w-4"
                  checked={isCorrect}
                  disabled={disabled}
                  onChange={(e) => setCorrect(option.id, e.target.checked)}
                />
                <label htmlFor={correctId} className="text-sm text-slate-900">
                  Correct
                </label>
              </div>
              {disabled ? null : (
                <button
                  type="button"
                  className={`${buttonStyles.small} mb-2`}
                  disabled={question.options.length <= MIN_OPTIONS}
                  aria-label={`Remove option ${j + 1}`}
                  onClick={() =>
                    onChange({
                      ...question,
                      options: removed(question.options, j),
                      correct: question.correct.filter((c) => c !== option.id),
                    })
                  }
                >
                  Remove
                </button>
              )}
            </div>
          );
        })}
        {disabled ? null : (
          <button
            type="button"
            className={`${buttonStyles.small} self-start`}
            disabled={question.options.length >= MAX_OPTIONS}
            onClick={() =>
              onChange({
                ...question,
                options: [
                  ...question.options,
                  {
                    id: nextId(
                      "opt",
                      question.options.map((o) => o.id),
                    ),
                    text: "",
                  },
                ],
              })
            }
          >
            Add an option
          </button>
        )}
      </fieldset>

      <TextField
        path={`${path}.explanation`}
        label="Explanation"
        hint="Shown after an answer: why the correct answer is correct."
        rows={2}
        value={question.explanation}
        errors={errors}
        disabled={disabled}
        onChange={(explanation) => onChange({ ...question, explanation })}
      />
    </div>
  );
}
