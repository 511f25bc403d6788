"use client";

import { useMutation } from "@tanstack/react-query";
import { useRef, useState, type FormEvent } from "react";
import { apiRequest, messageOf } from "@/components/api-client";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { buttonStyles, inputStyles } from "@/components/ui/styles";
import { DemoPersonasPanel, type DemoPersona } from "./demo-personas-panel";
import { SiweSignIn } from "./siwe-sign-in";
import { useSignedInNavigation } from "./use-signed-in-navigation";

/** Email + password sign-in, Sign-In with Ethereum, and (embedded demo only) the demo personas. */
export function SignInPanel({ next, personas }: { next: string; personas: DemoPersona[] | null }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const emailRef = useRef<HTMLInputElement>(null);
  const goOn = useSignedInNavigation(next);

  const signIn = useMutation({
    mutationFn: (input: { email: string; password: string }) => apiRequest("POST", "/api/auth/sign-in/email", input, { credentialCheck: true }),
    onSuccess: goOn,
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    signIn.mutate({ email: email.trim(), password });
  }

  function fillFromPersona(persona: DemoPersona) {
    setEmail(persona.email);
    setPassword(persona.password);
    signIn.reset();
    emailRef.current?.focus();
  }

  return (
    <div className="flex flex-col gap-8">
      <div className="grid gap-8 lg:grid-cols-2">
        <section aria-labelledby="password-heading" className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h2 id="password-heading" className="text-lg font-semibold text-slate-900">
            Email and password
          </h2>
          <form className="mt-4 flex flex-col gap-4" onSubmit={onSubmit} aria-describedby={signIn.error ? "signin-error" : undefined}>
            <Field id="signin-email" label="Email">
              {(props) => (
                <input
                  {...props}
                  ref={emailRef}
                  type="email"
                  name="email"
                  autoComplete="username"
                  required
                  data-testid="signin-email"
                  className={inputStyles}
                  value={email}
                  onChange={(e) => setEmail(e.target.value)}
                />
              )}
            </Field>
            <Field id="signin-password" label="Password">
              {(props) => (
                <input
                  {...props}
                  type="password"
                  name="password"
                  autoComplete="current-password"
                  required
                  data-testid="signin-password"
                  className={inputStyles}
                  value={password}
                  onChange={(e) => setPassword(e.target.value)}
                />
              )}
            </Field>
            {signIn.error ? (
              <div id="signin-error">
                <Alert tone="error" testId="signin-error">
                  {messageOf(signIn.error)}
                </Alert>
              </div>
            ) : null}
            <div>
              <button type="submit" data-testid="signin-submit" className={buttonStyles.primary} disabled={signIn.isPending || signIn.isSuccess}>
                {signIn.isPending || signIn.isSuccess ? "Signing in…" : "Sign in"}
              </button>
            </div>
          </form>
        </section>

        <SiweSignIn next={next} />
      </div>

      {personas ? <DemoPersonasPanel personas={personas} onUse={fillFromPersona} /> : null}
    </div>
  );
}
