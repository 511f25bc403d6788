"use client";

import { SignerCredentials } from "@/components/signature/signer-credentials";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef, useState, type FormEvent } from "react";
import type { WithdrawalResult } from "@/lib/api/results";
import type { TWithdrawConsentRequest } from "@/lib/schemas/consent";
import { WITHDRAWAL_SCOPE_LABEL, WITHDRAWAL_SCOPES, type WithdrawalScope } from "@/lib/vocabulary/withdrawal-scope";
import { ApiError, apiRequest, messageOf } from "@/components/api-client";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { buttonStyles, inputStyles } from "@/components/ui/styles";
import { ServerInstant } from "./server-instant";

/** What each scope means for the participant, next to its label. */
const SCOPE_HINT: Record<WithdrawalScope, string> = {
  all: "You stop taking part: no more visits, treatment or data collection.",
  data_collection: "No new information about you is recorded from now on. Information already recorded is kept.",
  choice: "You stop one optional part you had agreed to, and stay in the study.",
};

/**
 * Withdrawal: what from (all further participation, further data collection only, or one optional part the
 * participant had agreed to), an optional reason, and the password again. No reason is needed.
 */
export function WithdrawForm({ choices }: { choices: { id: string; text: string }[] }) {
  const scopes = WITHDRAWAL_SCOPES.filter((s) => s !== "choice" || choices.length > 0);
  const [scope, setScope] = useState<WithdrawalScope | null>(null);
  const [choiceId, setChoiceId] = useState(choices[0]?.id ?? "");
  const [reason, setReason] = useState("");
  const [password, setPassword] = useState("");
  const [email, setEmail] = useState("");
  const done = useRef<HTMLHeadingElement>(null);
  const withdraw = useMutation({
    mutationFn: (input: TWithdrawConsentRequest) => apiRequest<WithdrawalResult>("POST", "/api/participant/consent/withdraw", input),
    onSettled: () => setPassword(""),
  });
  const result = withdraw.data;
  useEffect(() => {
    if (result) done.current?.focus();
  }, [result]);

  if (result) {
    return (
      <div className="flex flex-col gap-4" data-testid="withdrawn">
        <h2 ref={done} tabIndex={-1} className="text-xl font-semibold text-slate-900 focus:outline-none">
          Your withdrawal is recorded
        </h2>
        <Alert tone="success">
          <p>
            {WITHDRAWAL_SCOPE_LABEL[result.scope]}, from <ServerInstant value={result.withdrawnAt} />. The study team is told; you do not need to do
            anything else.
          </p>
        </Alert>
        <p>
          <Link href="/participant" className={buttonStyles.primary} data-testid="withdrawn-done">
            Back to my record
          </Link>
        </p>
      </div>
    );
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!scope) return;
    withdraw.mutate({
      scope,
      password,
      email,
      ...(scope === "choice" ? { choiceId } : {}),
      ...(reason.trim() ? { reason: reason.trim() } : {}),
    });
  }

  const fieldErrors = withdraw.error instanceof ApiError ? withdraw.error.fieldErrors : {};
  return (
    <form className="flex flex-col gap-5" onSubmit={onSubmit} data-testid="withdraw-form">
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-2 text-base font-semibold text-slate-900">What do you want to withdraw from?</legend>
        {scopes.map((s) => (
          <div key={s} className="flex flex-col gap-1 rounded-md border border-slate-200 p-3 hover:bg-slate-50">
            <label className="flex items-start gap-3 text-base font-medium text-slate-900">
              <input
                type="radio"
                name="scope"
                value={s}
                required
                checked={scope === s}
                onChange={() => setScope(s)}
                aria-describedby={`withdraw-scope-${s}-hint`}
                className="mt-1 h-5 w-5 shrink-0 accent-indigo-700"
                data-testid={`withdraw-scope-${s}`}
              />
              {WITHDRAWAL_SCOPE_LABEL[s]}
            </label>
            <p id={`withdraw-scope-${s}-hint`} className="pl-8 text-sm text-slate-700">
              {SCOPE_HINT[s]}
            </p>
          </div>
        ))}
      </fieldset>
      {scope === "choice" ? (
        <Field id="withdraw-choice" label="Which optional part?" errors={fieldErrors.choiceId}>
          {(props) => (
            <select {...props} className={inputStyles} value={choiceId} onChange={(e) => setChoiceId(e.target.value)} data-testid="withdraw-choice">
              {choices.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.text}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      <Field
        id="withdraw-reason"
        label="Reason (optional)"
        hint="You do not have to give a reason. If you do, leave out your name and health details: the reason is kept in the study's record."
        errors={fieldErrors.reason}
      >
        {(props) => (
          <textarea
            {...props}
            rows={3}
            maxLength={500}
            className={inputStyles}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            data-testid="withdraw-reason"
          />
        )}
      </Field>
      <SignerCredentials
        name="withdraw"
        email={email}
        onEmail={setEmail}
        password={password}
        onPassword={setPassword}
        errors={fieldErrors}
        passwordHint="Enter your account password again to confirm."
      />
      {withdraw.error ? (
        <Alert tone="error" title="Nothing was withdrawn" testId="withdraw-error">
          {messageOf(withdraw.error)}
        </Alert>
      ) : null}
      <div>
        <button
          type="submit"
          className={`${buttonStyles.danger} w-full sm:w-auto`}
          disabled={!scope || withdraw.isPending}
          data-testid="withdraw-submit"
        >
          {withdraw.isPending ? "Withdrawing…" : "Withdraw"}
        </button>
      </div>
    </form>
  );
}
