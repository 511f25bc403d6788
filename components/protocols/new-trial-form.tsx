"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ApiError, apiRequest, messageOf } from "@/components/api-client";
import type { CreatedTrialResult } from "@/lib/api/results";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { buttonStyles, inputStyles } from "@/components/ui/styles";

/** Creates a trial (a private draft) and opens its editor. */
export function NewTrialForm() {
  const router = useRouter();
  const [title, setTitle] = useState("");
  const create = useMutation({
    mutationFn: (input: { title: string }) => apiRequest<CreatedTrialResult>("POST", "/api/sponsor/trials", input),
    onSuccess: ({ trialId }) => router.push(`/sponsor/trials/${encodeURIComponent(trialId)}`),
  });
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    create.mutate({ title: title.trim() });
  }
  const fieldErrors = create.error instanceof ApiError ? create.error.fieldErrors : {};
  return (
    <div className="flex flex-col gap-3">
      <form className="flex flex-col gap-3 sm:flex-row sm:items-end" onSubmit={onSubmit}>
        <div className="sm:w-96">
          <Field id="new-trial-title" label="Working title" hint="You can change the protocol's titles in the draft." errors={fieldErrors.title}>
            {(props) => (
              <input
                {...props}
                required
                className={inputStyles}
                data-testid="new-trial-title"
                value={title}
                onChange={(e) => setTitle(e.target.value)}
              />
            )}
          </Field>
        </div>
        <button type="submit" className={buttonStyles.primary} data-testid="new-trial-submit" disabled={create.isPending || create.isSuccess}>
          {create.isPending || create.isSuccess ? "Creating…" : "New trial"}
        </button>
      </form>
      {create.error ? (
        <Alert tone="error" testId="new-trial-error">
          {messageOf(create.error)}
        </Alert>
      ) : null}
    </div>
  );
}
