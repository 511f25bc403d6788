"use client";

import { SignerCredentials } from "@/components/signature/signer-credentials";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ApiError, apiRequest, messageOf } from "@/components/api-client";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { UtcTime } from "@/components/ui/utc-time";
import { buttonStyles, inputStyles } from "@/components/ui/styles";
import type { CountersignatureResult } from "@/lib/api/results";
import type { TCountersignConsentRequest } from "@/lib/schemas/consent";
import { SIGNATURE_MEANING_TEXT } from "@/lib/vocabulary/consent-signer";
import { IDENTITY_CHECK_LABEL, IDENTITY_CHECKS, type IdentityCheck } from "@/lib/vocabulary/identity-check";

/**
 * The investigator's countersignature of one participant signature: how the signer's identity was checked, the printed
 * name and the password (re-entered for this signature only). The meaning is shown next to the button because it is
 * the text the server hashes into the countersignature's manifestation (lib/vocabulary/consent-signer.ts).
 */
export function CountersignForm({ signatureId, participantId, onCancel }: { signatureId: string; participantId: string; onCancel: () => void }) {
  const router = useRouter();
  const [identityCheck, setIdentityCheck] = useState<IdentityCheck>("in_person_id");
  const [note, setNote] = useState("");
  const [printedName, setPrintedName] = useState("");
  const [password, setPassword] = useState("");
  const [email, setEmail] = useState("");

  const countersign = useMutation({
    mutationFn: (input: TCountersignConsentRequest) => apiRequest<CountersignatureResult>("POST", "/api/site/consents/countersignatures", input),
    onSuccess: () => {
      setPassword("");
      router.refresh();
    },
    // The password is never kept after an attempt, right or wrong.
    onError: () => setPassword(""),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    countersign.mutate({
      signatureId,
      identityCheck,
      ...(identityCheck === "other" ? { identityCheckNote: note.trim() } : {}),
      printedName,
      password,
      email,
    });
  }

  const fieldErrors = countersign.error instanceof ApiError ? countersign.error.fieldErrors : {};
  const id = (name: string) => `countersign-${signatureId}-${name}`;
  const meaning = SIGNATURE_MEANING_TEXT.investigator;

  if (countersign.data) {
    return (
      <Alert tone="success" title="Countersigned" testId="countersign-done">
        <p>
          Countersigned for participant <span className="font-mono">{participantId}</span> by {countersign.data.name} at{" "}
          <UtcTime value={countersign.data.signedAt} />, as record {countersign.data.leafIndex} of the trial&apos;s log.
        </p>
      </Alert>
    );
  }

  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={onSubmit}
      aria-label={`Countersign the consent of ${participantId}`}
      data-testid="countersign-form"
    >
      <fieldset className="flex flex-col gap-2" aria-describedby={fieldErrors.identityCheck?.length ? id("identity-error") : undefined}>
        <legend className="text-sm font-medium text-slate-900">How did you check the signer&apos;s identity?</legend>
        {IDENTITY_CHECKS.map((check) => (
          <label key={check} className="flex items-center gap-2 text-sm text-slate-900">
            <input
              type="radio"
              name={id("identity")}
              value={check}
              checked={identityCheck === check}
              onChange={() => setIdentityCheck(check)}
              data-testid={`countersign-identity-${check}`}
            />
            {IDENTITY_CHECK_LABEL[check]}
          </label>
        ))}
        {fieldErrors.identityCheck?.length ? (
          <p id={id("identity-error")} className="text-sm font-medium text-red-800">
            {fieldErrors.identityCheck.join(" ")}
          </p>
        ) : null}
      </fieldset>
      {identityCheck === "other" ? (
        <Field id={id("note")} label="Describe how you checked identity" errors={fieldErrors.identityCheckNote}>
          {(props) => (
            <textarea
              {...props}
              required
              maxLength={500}
              rows={2}
              className={inputStyles}
              data-testid="countersign-note"
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
          )}
        </Field>
      ) : null}
      <Field id={id("name")} label="Your full name, as printed on the countersignature" errors={fieldErrors.printedName}>
        {(props) => (
          <input
            {...props}
            required
            autoComplete="name"
            maxLength={120}
            className={inputStyles}
            data-testid="countersign-name"
            value={printedName}
            onChange={(e) => setPrintedName(e.target.value)}
          />
        )}
      </Field>
      <SignerCredentials
        name="countersign"
        idPrefix={id("signer")}
        email={email}
        onEmail={setEmail}
        password={password}
        onPassword={setPassword}
        errors={fieldErrors}
        passwordHint="Re-enter it to sign: it is checked, never stored."
      />
      <p id={id("meaning")} className="rounded-md border border-slate-300 bg-slate-50 px-3 py-2 text-sm text-slate-900">
        By countersigning you state: <strong data-testid="countersign-meaning">{meaning}</strong>. Your name, the time (UTC) and this statement are
        committed to in the trial&apos;s log.
      </p>
      {countersign.error ? (
        <Alert tone="error" testId="countersign-error">
          {messageOf(countersign.error)}
        </Alert>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <button
          type="submit"
          className={buttonStyles.primary}
          disabled={countersign.isPending}
          aria-describedby={id("meaning")}
          data-testid="countersign-submit"
        >
          {countersign.isPending ? "Countersigning…" : "Countersign"}
        </button>
        <button type="button" className={buttonStyles.secondary} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
