"use client";

import type { FieldErrors } from "@/components/api-client";
import { Field } from "@/components/ui/field";
import { buttonStyles, inputStyles } from "@/components/ui/styles";
import { fieldAt, moved, newQuestion, removed, replaced, type ConsentContent } from "./consent-draft-data";
import { Group, ItemControls, ListErrors } from "./form-controls";
import { QuestionEditor } from "./question-editor";

type KnowledgeCheck = ConsentContent["knowledgeCheck"];

/** The questions a participant answers before signing, and how many correct answers pass. */
export function KnowledgeCheckEditor({
  check,
  onChange,
  errors,
  disabled,
}: {
  check: KnowledgeCheck;
  onChange: (check: KnowledgeCheck) => void;
  errors: FieldErrors;
  disabled: boolean;
}) {
  const { questions } = check;
  const setQuestions = (next: KnowledgeCheck["questions"]) => onChange({ ...check, questions: next });
  const passMark = fieldAt(errors, "content.knowledgeCheck.passMark");
  return (
    <div className="flex flex-col gap-4">
      <ListErrors errors={errors} path="content.knowledgeCheck" />
      <ListErrors errors={errors} path="content.knowledgeCheck.questions" />
      {questions.map((question, i) => (
        <Group
          key={question.id}
          legend={`Question ${i + 1} (${question.id})`}
          testId={`question-${i}`}
          actions={
            disabled ? undefined : (
              <ItemControls
                what={`question ${i + 1}`}
                index={i}
                count={questions.length}
                minimum={1}
                onMove={(by) => setQuestions(moved(questions, i, by))}
                onRemove={() => setQuestions(removed(questions, i))}
              />
            )
          }
        >
          <QuestionEditor
            question={question}
            path={`content.knowledgeCheck.questions.${i}`}
            errors={errors}
            disabled={disabled}
            onChange={(q) => setQuestions(replaced(questions, i, q))}
          />
        </Group>
      ))}
      {disabled ? null : (
        <button type="button" className={`${buttonStyles.secondary} self-start`} onClick={() => setQuestions([...questions, newQuestion(questions)])}>
          Add a question
        </button>
      )}
      <Field id={passMark.id} label="Pass mark" hint={`Correct answers needed to pass, out of ${questions.length}.`} errors={passMark.errors}>
        {(props) => (
          <input
            {...props}
            type="number"
            min={1}
            max={questions.length}
            className={`${inputStyles} max-w-32`}
            data-testid={passMark.id}
            disabled={disabled}
            value={check.passMark}
            onChange={(e) => onChange({ ...check, passMark: Number(e.target.value) })}
          />
        )}
      </Field>
    </div>
  );
}
