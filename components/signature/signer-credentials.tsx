"use client";

import { Field } from "@/components/ui/field";
import { inputStyles } from "@/components/ui/styles";

/**
 * The two components of an electronic signature, typed at signing: the email the signer signs in with (never
 * prefilled) and the password. 21 CFR 11.200(a): a session's first signing needs both; the forms always ask for both,
 * so no signer has to know which signing of their session this is. The password is checked, never stored.
 */
export function SignerCredentials({
  name,
  idPrefix = name,
  email,
  onEmail,
  password,
  onPassword,
  errors,
  passwordHint,
}: {
  /** Prefix of the fields' test ids: `<name>-email`, `<name>-password`. */
  name: string;
  /** Prefix of the fields' element ids, when one page shows several such forms (default: `name`). */
  idPrefix?: string;
  email: string;
  onEmail: (value: string) => void;
  password: string;
  onPassword: (value: string) => void;
  errors: { email?: string[]; password?: string[] };
  passwordHint: string;
}) {
  return (
    <>
      <Field
        id={`${name}-email`}
        label="Your email"
        hint="The email you sign in with: with your password, it identifies you as the signer."
        errors={errors.email}
      >
        {(props) => (
          <input
            {...props}
            type="email"
            name="email"
            autoComplete="username"
            required
            maxLength={254}
            className={inputStyles}
            value={email}
            onChange={(e) => onEmail(e.target.value)}
            data-testid={`${name}-email`}
          />
        )}
      </Field>
      <Field id={`${idPrefix}-password`} label="Your password" hint={passwordHint} errors={errors.password}>
        {(props) => (
          <input
            {...props}
            type="password"
            name="password"
            autoComplete="current-password"
            required
            maxLength={128}
            className={inputStyles}
            value={password}
            onChange={(e) => onPassword(e.target.value)}
            data-testid={`${name}-password`}
          />
        )}
      </Field>
    </>
  );
}
