/**
 * Consent records (docs/consent.md). The form is logged in full when it is activated, so the exact wording, the
 * knowledge check and the choices a participant saw are pinned by the log; every later consent record points at the
 * record it builds on with a leaf reference {index, leafHash}. Signature records stay pseudonymous: the signer's
 * printed name and the signing instant are committed to by a salted hash (`manifestation`) whose inputs live only in
 * the portal's database and in the participant's copy.
 */
import { z } from "zod";
import { entityId, hash32, hexBytes, leafRef, reason, walletAddress } from "./common";
import { CONSENT_SIGNERS, IDENTITY_CHECKS, QUESTION_KINDS, WITHDRAWAL_SCOPES } from "./consent-lists";

export { CONSENT_SIGNERS, IDENTITY_CHECKS, QUESTION_KINDS, WITHDRAWAL_SCOPES };

/** BCP 47 language tag, e.g. "en", "fr-CA". */
export const languageTag = z.string().regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, "expected a BCP 47 language tag such as en or fr-CA");

/** Short ids of questions, options and choices within one form (stable across versions, referenced by answers). */
export const localId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, "expected a short id such as q1 or future_contact");

/** A calendar date (an ethics approval is dated, not timed). */
export const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date such as 2026-08-01")
  .refine((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s) || new Date(`${s}T00:00:00.000Z`).toISOString().startsWith(s), "not a real calendar date");

/** A media link must be https and carry a text alternative, so the form stays readable without it. */
const media = z.strictObject({
  url: z.url({ protocol: /^https$/, error: "expected an https link" }).max(2000),
  alt: z.string().min(1).max(2000),
});

const section = z.strictObject({
  title: z.string().min(1).max(300),
  /** Markdown. */
  body: z.string().min(1).max(50_000),
  media: media.optional(),
});

const glossaryEntry = z.strictObject({ term: z.string().min(1).max(200), definition: z.string().min(1).max(2000) });

const question = z
  .strictObject({
    id: localId,
    kind: z.enum(QUESTION_KINDS),
    prompt: z.string().min(1).max(2000),
    options: z
      .array(z.strictObject({ id: localId, text: z.string().min(1).max(500) }))
      .min(2)
      .max(10),
    correct: z.array(localId).min(1).max(10),
    explanation: z.string().min(1).max(2000),
  })
  .refine((q) => q.correct.every((c) => q.options.some((o) => o.id === c)), {
    message: "every correct answer must be one of the options",
    path: ["correct"],
  })
  .refine((q) => q.kind === "multiple" || q.correct.length === 1, {
    message: "a single-choice question has exactly one correct answer",
    path: ["correct"],
  })
  .refine((q) => new Set(q.options.map((o) => o.id)).size === q.options.length, { message: "option ids must be distinct", path: ["options"] });

/** The questions and the number of correct answers that passes (score >= passMark). */
export const knowledgeCheck = z
  .strictObject({ questions: z.array(question).min(1).max(50), passMark: z.int().min(1) })
  .refine((k) => k.passMark <= k.questions.length, { message: "the pass mark cannot exceed the number of questions", path: ["passMark"] })
  .refine((k) => new Set(k.questions.map((q) => q.id)).size === k.questions.length, {
    message: "question ids must be distinct",
    path: ["questions"],
  });

/** Optional parts of the study the participant accepts or declines one by one (future contact, sample storage). */
const choice = z.strictObject({ id: localId, text: z.string().min(1).max(2000) });

/** Who signs: the participant or their legally authorized representative; whether a witness and the site sign too. */
export const consentSigners = z.strictObject({
  signer: z.enum(CONSENT_SIGNERS),
  witnessRequired: z.boolean(),
  countersignatureRequired: z.boolean(),
});

/** Everything a participant reads, answers and chooses: what a draft edits and what activation pins in the log. */
export const consentFormContent = z
  .strictObject({
    sections: z.array(section).min(1).max(100),
    glossary: z.array(glossaryEntry).max(200),
    knowledgeCheck,
    choices: z.array(choice).max(20),
    signers: consentSigners,
  })
  .refine((c) => new Set(c.choices.map((x) => x.id)).size === c.choices.length, { message: "choice ids must be distinct", path: ["choices"] });

export const ethicsApproval = z.strictObject({
  committee: z.string().min(1).max(300),
  reference: z.string().min(1).max(100),
  approvalDate: calendarDate,
});

/** An active version applies to every site of the trial, or to the listed site organizations only. */
export const consentSites = z.union([z.literal("all"), z.array(entityId).min(1).max(500)]);

/** An active version of a consent form, in full. */
export const consentFormBody = z.strictObject({
  formId: entityId,
  version: z.int().min(1),
  protocolVersion: z.int().min(1),
  language: languageTag,
  title: z.string().min(1).max(300),
  content: consentFormContent,
  ethicsApproval,
  sites: consentSites,
});

/** How the participant authenticated the signature. The optional wallet co-signature is verifiable off-portal. */
export const CONSENT_METHODS = ["password", "passkey", "wallet"] as const;

export const consentSignedBody = z.strictObject({
  /** The consent.form record that was signed. */
  form: leafRef,
  formId: entityId,
  formVersion: z.int().min(1),
  method: z.enum(CONSENT_METHODS),
  signer: z.enum(CONSENT_SIGNERS),
  witnessed: z.boolean(),
  /** Each optional choice of the form, accepted or declined. */
  choices: z.array(z.strictObject({ id: localId, accepted: z.boolean() })).max(20),
  /** The knowledge check that preceded the signature: attempts made, and the passing attempt's score. */
  knowledgeCheck: z.strictObject({ attempts: z.int().min(1), score: z.int().min(0), passMark: z.int().min(1) }),
  /** Salted SHA-256 commitment to {name, signedAt, meaning} (docs/consent.md#the-manifestation-commitment). */
  manifestation: hash32,
  walletSignature: z.strictObject({ address: walletAddress, signature: hexBytes }).optional(),
});

/** The site's countersignature of a participant's consent.signed record. */
export const consentCountersignedBody = z.strictObject({
  signed: leafRef,
  formId: entityId,
  formVersion: z.int().min(1),
  identityCheck: z.enum(IDENTITY_CHECKS),
  manifestation: hash32,
});

/** Withdrawal of a consent. A reason is optional: participants may withdraw without giving one. */
export const consentWithdrawnBody = z
  .strictObject({
    signed: leafRef,
    scope: z.enum(WITHDRAWAL_SCOPES),
    choiceId: localId.optional(),
    reason: reason.optional(),
  })
  .refine((b) => (b.scope === "choice") === (b.choiceId !== undefined), {
    message: "a choice id is given exactly when the scope is one choice",
    path: ["choiceId"],
  });
