"use client";

import { Field } from "@/components/ui/field";
import { inputStyles } from "@/components/ui/styles";

/**
 * The identification component of an electronic signature: the email the signer signs in with, typed (never
 * prefilled), beside the password. 21 CFR 11.200(a): a session's first signing needs both; the forms always ask for
 * both, so no signer has to know which signing of their session this is.
 */
export function SignerEmailField({
  id,
  value,
  onChange,
  errors,
  testId,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  errors?: string[];
  testId: string;
}) {
  return (
    <Field id={id} label="Your email" hint="The email you sign in with: with your password, it identifies you as the signer." errors={errors}>
      {(props) => (
        <input
          {...props}
          type="email"
          name="email"
          autoComplete="username"
          required
          maxLength={254}
          className={inputStyles}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          data-testid={testId}
        />
      )}
    </Field>
  );
}
