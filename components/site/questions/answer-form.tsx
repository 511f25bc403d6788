"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ApiError, apiRequest, messageOf } from "@/components/api-client";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { buttonStyles, inputStyles } from "@/components/ui/styles";
import type { AnsweredConsentQuestionResult } from "@/lib/api/results";
import { CONSENT_QUESTION_MAX_LENGTH } from "@/lib/schemas/consent-questions";

/** The answer box of one thread; the page is refreshed after an answer so that the thread moves down the list. */
export function AnswerForm({ participantId }: { participantId: string }) {
  const [body, setBody] = useState("");
  const router = useRouter();
  const answer = useMutation({
    mutationFn: () => apiRequest<AnsweredConsentQuestionResult>("POST", "/api/site/consent-questions", { participantId, body }),
    onSuccess: () => {
      setBody("");
      router.refresh();
    },
  });
  const fieldErrors = answer.error instanceof ApiError ? answer.error.fieldErrors : {};

  function submit(event: FormEvent) {
    event.preventDefault();
    answer.mutate();
  }

  const id = `answer-${participantId}`;
  return (
    <form onSubmit={submit} className="flex flex-col gap-3" noValidate>
      <Field id={id} label={`Your answer to ${participantId}`} hint={`At most ${CONSENT_QUESTION_MAX_LENGTH} characters.`} errors={fieldErrors.body}>
        {(props) => (
          <textarea
            {...props}
            className={inputStyles}
            rows={3}
            maxLength={CONSENT_QUESTION_MAX_LENGTH}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            data-testid="answer-body"
          />
        )}
      </Field>
      {answer.error && !fieldErrors.body ? <Alert tone="error">{messageOf(answer.error)}</Alert> : null}
      <div>
        <button type="submit" className={buttonStyles.primary} disabled={answer.isPending} data-testid="answer-send">
          {answer.isPending ? "Sending…" : "Send answer"}
        </button>
      </div>
    </form>
  );
}
