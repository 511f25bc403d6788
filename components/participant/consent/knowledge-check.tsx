"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { apiRequest, messageOf } from "@/components/api-client";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonStyles } from "@/components/ui/styles";
import type { KnowledgeCheckResult, MyConsentForm } from "@/lib/api/results";
import { consentStepPath } from "./consent-paths";

type Answers = Record<string, string[]>;

/**
 * The form's questions. The server marks the answers (the page never sees which are right); a wrong answer comes back
 * with the form's explanation, and the participant may change their answers and try again as often as they like.
 */
export function KnowledgeCheck({ form }: { form: MyConsentForm }) {
  const [answers, setAnswers] = useState<Answers>({});
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const check = useMutation({
    mutationFn: (input: Answers) =>
      apiRequest<KnowledgeCheckResult>("POST", "/api/participant/consent/knowledge-check", { formVersionId: form.id, answers: input }),
  });
  const result = check.data;

  useEffect(() => {
    if (result) resultHeading.current?.focus();
  }, [result]);

  function choose(questionId: string, optionId: string, single: boolean, checked: boolean) {
    setAnswers((prev) => {
      const now = prev[questionId] ?? [];
      const next = single ? [optionId] : checked ? [...now, optionId] : now.filter((o) => o !== optionId);
      return { ...prev, [questionId]: next };
    });
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    check.mutate(answers);
  }

  const outcome = (id: string) => result?.questions.find((q) => q.id === id);
  return (
    <div className="flex flex-col gap-5">
      {result ? (
        <div className="flex flex-col gap-3" data-testid="check-result" data-passed={result.passed}>
          <h2 ref={resultHeading} tabIndex={-1} className="text-lg font-semibold text-slate-900 focus:outline-none">
            {result.passed ? "You passed" : "Not quite yet"}: {result.score} of {result.questions.length} correct
          </h2>
          {result.passed ? (
            <Alert tone="success">
              <p>You answered enough questions correctly ({result.passMark} needed). Next, choose the optional parts of the study.</p>
              <p className="mt-3">
                <Link href={consentStepPath(form.id, "choices")} className={buttonStyles.primary} data-testid="check-continue">
                  Continue to your choices
                </Link>
              </p>
            </Alert>
          ) : (
            <Alert tone="warning">
              You need {result.passMark} correct answers to continue. Read the explanations below, change your answers and submit again. You can also{" "}
              <Link href={consentStepPath(form.id, "read")} className="font-medium underline">
                read the form again
              </Link>
              .
            </Alert>
          )}
        </div>
      ) : form.passed ? (
        <Alert tone="success">
          You have already passed these questions.{" "}
          <Link href={consentStepPath(form.id, "choices")} className="font-medium underline">
            Continue to your choices
          </Link>
          , or answer them again below.
        </Alert>
      ) : null}

      <form className="flex flex-col gap-5" onSubmit={onSubmit} data-testid="knowledge-check">
        {form.questions.map((q, n) => {
          const got = outcome(q.id);
          const single = q.kind === "single";
          return (
            <fieldset key={q.id} className="rounded-lg border border-slate-200 bg-white p-4" data-testid={`question-${q.id}`}>
              <legend className="float-left mb-1 w-full text-base font-semibold text-slate-900">
                {n + 1}. {q.prompt}
              </legend>
              <p className="clear-both mb-2 text-sm text-slate-700">{single ? "Choose one answer." : "Choose every answer that is right."}</p>
              <div className="flex flex-col gap-1">
                {q.options.map((o) => (
                  <label key={o.id} className="flex min-h-11 items-center gap-3 rounded-md px-2 text-base text-slate-900 hover:bg-slate-50">
                    <input
                      type={single ? "radio" : "checkbox"}
                      name={q.id}
                      value={o.id}
                      className="h-5 w-5 accent-indigo-700"
                      checked={(answers[q.id] ?? []).includes(o.id)}
                      onChange={(e) => choose(q.id, o.id, single, e.target.checked)}
                      data-testid={`answer-${q.id}-${o.id}`}
                    />
                    {o.text}
                  </label>
                ))}
              </div>
              {got ? (
                <div className="mt-3 flex flex-col gap-2" data-testid={`outcome-${q.id}`} data-correct={got.correct}>
                  <p>
                    <Badge tone={got.correct ? "good" : "bad"}>{got.correct ? "Correct" : "Not correct"}</Badge>
                  </p>
                  {got.correct ? null : (
                    <p className="text-sm text-slate-800" data-testid={`explanation-${q.id}`}>
                      {got.explanation}
                    </p>
                  )}
                </div>
              ) : null}
            </fieldset>
          );
        })}
        {check.error ? <Alert tone="error">{messageOf(check.error)}</Alert> : null}
        <div>
          <button type="submit" className={`${buttonStyles.primary} w-full sm:w-auto`} disabled={check.isPending} data-testid="check-submit">
            {check.isPending ? "Checking…" : result && !result.passed ? "Submit my answers again" : "Submit my answers"}
          </button>
        </div>
      </form>
    </div>
  );
}
