"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ApiError, apiRequest, messageOf } from "@/components/api-client";
import { QuestionMessages } from "@/components/consent/question-messages";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { buttonStyles, inputStyles } from "@/components/ui/styles";
import type { MyConsentQuestionsResult } from "@/lib/api/results";
import { CONSENT_QUESTION_MAX_LENGTH } from "@/lib/schemas/consent-questions";

const URL = "/api/participant/consent/questions";

/**
 * "Ask the study team a question" while reading: the participant's thread with their site's investigators and a box
 * for a new question. Closed by default so that the form stays the focus; the thread loads when it is opened.
 */
export function QuestionThread({ formVersionId }: { formVersionId: string }) {
  const [open, setOpen] = useState(false);
  const [body, setBody] = useState("");
  const client = useQueryClient();
  const thread = useQuery({
    queryKey: [URL],
    queryFn: () => apiRequest<MyConsentQuestionsResult>("GET", URL),
    enabled: open,
  });
  const ask = useMutation({
    mutationFn: () => apiRequest<MyConsentQuestionsResult>("POST", URL, { formVersionId, body }),
    onSuccess: (result) => {
      client.setQueryData([URL], result);
      setBody("");
    },
  });
  const fieldErrors = ask.error instanceof ApiError ? ask.error.fieldErrors : {};

  function submit(event: FormEvent) {
    event.preventDefault();
    ask.mutate();
  }

  return (
    <details className="rounded-md border border-slate-200 p-3 text-sm" onToggle={(e) => setOpen(e.currentTarget.open)} data-testid="question-thread">
      <summary className="cursor-pointer font-medium text-slate-900">Ask the study team a question</summary>
      <div className="mt-3 flex flex-col gap-3">
        <p className="text-slate-700">
          The investigators of your site read your questions and answer here. Only you and them see this conversation, and nothing in it can be
          changed or removed later.
        </p>
        {thread.error ? <Alert tone="error">Your questions could not be loaded: {messageOf(thread.error)}</Alert> : null}
        {thread.data?.messages.length ? <QuestionMessages messages={thread.data.messages} label="Your questions and the answers" /> : null}
        {thread.data && thread.data.messages.length === 0 ? <p className="text-slate-700">You have not asked a question yet.</p> : null}
        <form onSubmit={submit} className="flex flex-col gap-3" noValidate>
          <Field
            id="consent-question"
            label="Your question"
            hint={`At most ${CONSENT_QUESTION_MAX_LENGTH} characters. The study team will answer as soon as they can.`}
            errors={fieldErrors.body}
          >
            {(props) => (
              <textarea
                {...props}
                className={inputStyles}
                rows={4}
                maxLength={CONSENT_QUESTION_MAX_LENGTH}
                value={body}
                onChange={(e) => setBody(e.target.value)}
                data-testid="question-body"
              />
            )}
          </Field>
          {ask.error && !fieldErrors.body ? <Alert tone="error">{messageOf(ask.error)}</Alert> : null}
          {ask.isSuccess ? <Alert tone="success">Your question was sent to the study team.</Alert> : null}
          <div>
            <button type="submit" className={buttonStyles.primary} disabled={ask.isPending} data-testid="question-send">
              {ask.isPending ? "Sending…" : "Send question"}
            </button>
          </div>
        </form>
      </div>
    </details>
  );
}
