"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ApiError, apiRequest, messageOf, safeNextPath } from "@/components/api-client";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { buttonStyles, inputStyles } from "@/components/ui/styles";

const MIN_PASSWORD = 12;

/** Accepts an invitation: the invitee chooses their name and password and is signed in. */
export function AcceptInvitationForm({ token }: { token: string }) {
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [mismatch, setMismatch] = useState(false);
  const router = useRouter();

  const accept = useMutation({
    mutationFn: (input: { name: string; password: string }) =>
      apiRequest<{ next?: string }>("POST", `/api/invitations/${encodeURIComponent(token)}/accept`, input),
    // The new session's cookie is set; the header and pages re-render for it on the way.
    onSuccess: (result) => {
      router.replace(safeNextPath(result?.next, "/participant"));
      router.refresh();
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (password !== confirm) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    accept.mutate({ name: name.trim(), password });
  }

  const fieldErrors = accept.error instanceof ApiError ? accept.error.fieldErrors : {};
  const busy = accept.isPending || accept.isSuccess;

  return (
    <form className="flex max-w-md flex-col gap-4" onSubmit={onSubmit}>
      <Field id="invite-name" label="Your name" hint="Shown to you and to site staff; never written into trial records." errors={fieldErrors.name}>
        {(props) => (
          <input
            {...props}
            name="name"
            autoComplete="name"
            required
            maxLength={120}
            data-testid="invite-name"
            className={inputStyles}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        )}
      </Field>
      <Field id="invite-password" label="Choose a password" hint={`At least ${MIN_PASSWORD} characters.`} errors={fieldErrors.password}>
        {(props) => (
          <input
            {...props}
            type="password"
            name="password"
            autoComplete="new-password"
            required
            maxLength={128}
            data-testid="invite-password"
            className={inputStyles}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        )}
      </Field>
      <Field id="invite-password-confirm" label="Confirm password" errors={mismatch ? ["The passwords do not match."] : undefined}>
        {(props) => (
          <input
            {...props}
            type="password"
            name="confirm"
            autoComplete="new-password"
            required
            maxLength={128}
            data-testid="invite-password-confirm"
            className={inputStyles}
            value={confirm}
            onChange={(e) => {
              setConfirm(e.target.value);
              if (mismatch) setMismatch(false);
            }}
          />
        )}
      </Field>
      {accept.error ? (
        <Alert tone="error" testId="invite-error">
          {messageOf(accept.error)}
        </Alert>
      ) : null}
      <div>
        <button type="submit" data-testid="invite-submit" className={buttonStyles.primary} disabled={busy}>
          {busy ? "Joining…" : "Accept invitation"}
        </button>
      </div>
    </form>
  );
}
