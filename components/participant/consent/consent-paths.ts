/** The steps of signing a consent form, in order, each a page under /participant/consent/<version>/. */
export const CONSENT_STEPS = ["read", "check", "choices", "review"] as const;
export type ConsentStep = (typeof CONSENT_STEPS)[number];

export const CONSENT_STEP_LABEL: Record<ConsentStep, string> = {
  read: "Read",
  check: "Questions",
  choices: "Choices",
  review: "Review and sign",
};

export const consentStepPath = (formVersionId: string, step: ConsentStep): string =>
  `/participant/consent/${encodeURIComponent(formVersionId)}/${step}`;

export const WITHDRAW_PATH = "/participant/consent/withdraw";
