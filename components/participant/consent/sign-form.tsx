"use client";

import { SignerCredentials } from "@/components/signature/signer-credentials";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { ApiError, apiRequest, messageOf } from "@/components/api-client";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { buttonStyles, inputStyles } from "@/components/ui/styles";
import type { MyConsentForm, SignedConsentResult } from "@/lib/api/results";
import type { TSignConsentRequest } from "@/lib/schemas/consent";
import { SIGNATURE_MEANING_TEXT } from "@/lib/vocabulary/consent-signer";
import { ServerInstant } from "./server-instant";

/**
 * The electronic signature: a certification that the document above was read, the printed full name, the meaning of
 * the signature in words, and the account password entered again. The server checks all of it and sets the time; a
 * refusal (wrong password, a name that is not the account's, already signed, too many attempts) signs nothing.
 */
export function SignForm({ form, choices }: { form: MyConsentForm; choices: TSignConsentRequest["choices"] }) {
  const [certified, setCertified] = useState(false);
  const [printedName, setPrintedName] = useState("");
  const [relationship, setRelationship] = useState("");
  const [witnessName, setWitnessName] = useState("");
  const [password, setPassword] = useState("");
  const [email, setEmail] = useState("");
  const done = useRef<HTMLHeadingElement>(null);
  const { signer, witnessRequired } = form.signers;
  const meaning = SIGNATURE_MEANING_TEXT[signer];

  const sign = useMutation({
    mutationFn: (input: TSignConsentRequest) => apiRequest<SignedConsentResult>("POST", "/api/participant/consent/sign", input),
    onSettled: () => setPassword(""),
  });
  const signed = sign.data;
  useEffect(() => {
    if (signed) done.current?.focus();
  }, [signed]);

  if (signed) {
    return (
      <div className="flex flex-col gap-4" data-testid="signed">
        <h2 ref={done} tabIndex={-1} className="text-xl font-semibold text-slate-900 focus:outline-none">
          You have signed the consent form
        </h2>
        <Alert tone="success">
          <dl className="flex flex-col gap-2">
            <div>
              <dt className="font-medium">Signed by</dt>
              <dd>{signed.name}</dd>
            </div>
            <div>
              <dt className="font-medium">Meaning</dt>
              <dd>{signed.meaning}</dd>
            </div>
            <div>
              <dt className="font-medium">Time (set by the server)</dt>
              <dd data-testid="signed-at">
                <ServerInstant value={signed.signedAt} />
              </dd>
            </div>
          </dl>
        </Alert>
        <p>
          <Link href="/participant" className={buttonStyles.primary} data-testid="signed-done">
            Back to my record
          </Link>
        </p>
      </div>
    );
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!certified) return;
    sign.mutate({
      formVersionId: form.id,
      choices,
      printedName,
      password,
      email,
      ...(signer === "representative" ? { relationship } : {}),
      ...(witnessRequired ? { witnessName } : {}),
    });
  }

  const fieldErrors = sign.error instanceof ApiError ? sign.error.fieldErrors : {};
  return (
    <form className="flex flex-col gap-4" onSubmit={onSubmit} data-testid="sign-form">
      <label className="flex items-start gap-3 rounded-md border border-slate-300 bg-slate-50 p-3 text-base text-slate-900">
        <input
          type="checkbox"
          required
          className="mt-1 h-5 w-5 shrink-0 accent-indigo-700"
          checked={certified}
          onChange={(e) => setCertified(e.target.checked)}
          data-testid="sign-certify"
        />
        <span>
          I have read this information, or had it read to me. I have had the chance to ask questions and I understand that taking part is voluntary
          and that I can stop at any time.
        </span>
      </label>
      <Field id="sign-name" label="Your full name" hint="Type your name as it appears on your account." errors={fieldErrors.printedName}>
        {(props) => (
          <input
            {...props}
            name="printedName"
            autoComplete="name"
            required
            maxLength={120}
            className={inputStyles}
            value={printedName}
            onChange={(e) => setPrintedName(e.target.value)}
            data-testid="sign-name"
          />
        )}
      </Field>
      {signer === "representative" ? (
        <Field id="sign-relationship" label="Your relationship to the participant" errors={fieldErrors.relationship}>
          {(props) => (
            <input
              {...props}
              required
              maxLength={200}
              className={inputStyles}
              value={relationship}
              onChange={(e) => setRelationship(e.target.value)}
            />
          )}
        </Field>
      ) : null}
      {witnessRequired ? (
        <Field id="sign-witness" label="The witness's full name" errors={fieldErrors.witnessName}>
          {(props) => (
            <input {...props} required maxLength={120} className={inputStyles} value={witnessName} onChange={(e) => setWitnessName(e.target.value)} />
          )}
        </Field>
      ) : null}
      <div className="rounded-md border border-indigo-200 bg-indigo-50 p-3 text-base text-indigo-950" data-testid="sign-meaning">
        <p className="text-sm font-medium">What your signature means</p>
        <p className="mt-1 font-semibold">“{meaning}”</p>
      </div>
      <SignerCredentials
        name="sign"
        email={email}
        onEmail={setEmail}
        password={password}
        onPassword={setPassword}
        errors={fieldErrors}
        passwordHint="Enter your account password again to sign."
      />
      {sign.error ? (
        <Alert tone="error" title="Nothing was signed" testId="sign-error">
          {messageOf(sign.error)}
          {fieldErrors.choices ? ` ${fieldErrors.choices.join(" ")}` : null}
        </Alert>
      ) : null}
      <div>
        <button
          type="submit"
          className={`${buttonStyles.primary} w-full sm:w-auto`}
          disabled={!certified || sign.isPending}
          data-testid="sign-submit"
        >
          {sign.isPending ? "Signing…" : "Sign the consent form"}
        </button>
      </div>
    </form>
  );
}
