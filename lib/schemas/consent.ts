/**
 * Requests of the consent use cases (docs/consent.md), shared by the forms, the route handlers and the use cases. The
 * form content is the record's own schema (lib/integrity/kinds/consent.ts): what a draft saves is exactly what
 * activation will put in the log, so a draft that saves is a draft that can be activated.
 */
import { z } from "zod";
import { consentFormContent, consentSites, ethicsApproval, languageTag, localId, reason } from "@/lib/integrity/kinds/index";
import { ZConsentStatus } from "@/lib/vocabulary/consent-status";
import { ZIdentityCheck } from "@/lib/vocabulary/identity-check";
import { ZWithdrawalScope } from "@/lib/vocabulary/withdrawal-scope";
import { ZTrialId } from "./params";

/** Consent form version ids are `cfv_` and 4–64 letters or digits. */
export const ZConsentFormVersionId = z
  .string({ error: "Choose the consent form version." })
  .max(68, "is too long for a consent form version id")
  .regex(/^cfv_[A-Za-z0-9]{4,64}$/, "must be a consent form version id such as cfv_0123abcd");

/** Signature ids are `sig_` and 4–64 letters or digits. */
export const ZConsentSignatureId = z
  .string({ error: "Choose the signature." })
  .max(68, "is too long for a signature id")
  .regex(/^sig_[A-Za-z0-9]{4,64}$/, "must be a signature id such as sig_0123abcd");

/** The re-entered password that authenticates a signature (checked against the account, never stored). */
export const ZReenteredPassword = z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(128, "Use at most 128 characters.");

/** The printed full name of a signature: compared with the account's name after normalising case and spaces. */
/**
 * The identification component of an electronic signature (the account's email, typed). 21 CFR 11.200(a): the first
 * signing of a session uses both components (identification and password), later ones at least the password.
 */
export const ZSignerEmail = z
  .string({ error: "Type the email you sign in with." })
  .trim()
  .min(1, "Type the email you sign in with.")
  .max(254, "Use at most 254 characters.")
  .optional();

export const ZPrintedName = z.string({ error: "Type your full name." }).trim().min(1, "Type your full name.").max(120, "Use at most 120 characters.");

const draftFields = {
  protocolVersion: z.int({ error: "Choose the protocol version." }).min(1, "Choose the protocol version."),
  language: languageTag,
  title: z.string({ error: "Give the form a title." }).trim().min(1, "Give the form a title.").max(300),
  content: consentFormContent,
};

/** A new consent form of a trial (its version 1, as a draft). */
export const ZCreateConsentFormRequestSchema = z.strictObject({ trialId: ZTrialId, ...draftFields });
export type TCreateConsentFormRequest = z.infer<typeof ZCreateConsentFormRequestSchema>;

/**
 * The trial a request names in its path (/api/sponsor/trials/[trialId]/consent-forms/[formVersionId]/…): when given,
 * a version of another trial is answered as one that does not exist.
 */
const pathTrial = { trialId: ZTrialId.optional() };

/** A draft's new content (the whole draft: last write wins). */
export const ZSaveConsentDraftRequestSchema = z.strictObject({ formVersionId: ZConsentFormVersionId, ...pathTrial, ...draftFields });
export type TSaveConsentDraftRequest = z.infer<typeof ZSaveConsentDraftRequestSchema>;

/** A new draft version of a form, copied from its latest version. */
export const ZNewConsentVersionRequestSchema = z.strictObject({ fromVersionId: ZConsentFormVersionId, ...pathTrial });
export type TNewConsentVersionRequest = z.infer<typeof ZNewConsentVersionRequestSchema>;

const activationFields = { ethicsApproval, sites: consentSites };

export const ZActivateConsentVersionRequestSchema = z.strictObject({
  formVersionId: ZConsentFormVersionId,
  ...pathTrial,
  ...activationFields,
});
export type TActivateConsentVersionRequest = z.infer<typeof ZActivateConsentVersionRequestSchema>;

/** The body of the sponsor's create and save-draft routes: the trial and the version are in the path. */
export const ZConsentDraftRequestSchema = z.strictObject(draftFields);
export type TConsentDraftRequest = z.infer<typeof ZConsentDraftRequestSchema>;

/** The body of the sponsor's activation route: the ethics approval and the sites. */
export const ZConsentActivationRequestSchema = z.strictObject(activationFields);
export type TConsentActivationRequest = z.infer<typeof ZConsentActivationRequestSchema>;

/** /api/sponsor/trials/[trialId]/consent-forms/[formVersionId]/…, and the sponsor's read of one version. */
export const ZConsentFormVersionParamsSchema = z.strictObject({ trialId: ZTrialId, formVersionId: ZConsentFormVersionId });
export type TConsentFormVersionParams = z.infer<typeof ZConsentFormVersionParamsSchema>;

export const ZListConsentVersionsQuerySchema = z.strictObject({ trialId: ZTrialId });
export type TListConsentVersionsQuery = z.infer<typeof ZListConsentVersionsQuerySchema>;

export const ZSaveReadingProgressRequestSchema = z.strictObject({
  formVersionId: ZConsentFormVersionId,
  sectionIndex: z.int({ error: "Give the section number." }).min(0, "Give the section number."),
});
export type TSaveReadingProgressRequest = z.infer<typeof ZSaveReadingProgressRequestSchema>;

/** Question id → the option ids chosen (one for a single-choice question). */
export const ZKnowledgeCheckAttemptRequestSchema = z.strictObject({
  formVersionId: ZConsentFormVersionId,
  answers: z.record(localId, z.array(localId).max(10)),
});
export type TKnowledgeCheckAttemptRequest = z.infer<typeof ZKnowledgeCheckAttemptRequestSchema>;

export const ZSignConsentRequestSchema = z.strictObject({
  formVersionId: ZConsentFormVersionId,
  choices: z.array(z.strictObject({ id: localId, accepted: z.boolean({ error: "Accept or decline this choice." }) })).max(20),
  printedName: ZPrintedName,
  password: ZReenteredPassword,
  email: ZSignerEmail,
  /** Required when the form is signed by a legally authorized representative. */
  relationship: z.string().trim().min(1, "Say how you are related to the participant.").max(200).optional(),
  /** Required when the form requires a witness: the witness's printed name. */
  witnessName: z.string().trim().min(1, "Type the witness's full name.").max(120).optional(),
});
export type TSignConsentRequest = z.infer<typeof ZSignConsentRequestSchema>;

export const ZCountersignConsentRequestSchema = z
  .strictObject({
    signatureId: ZConsentSignatureId,
    identityCheck: ZIdentityCheck,
    identityCheckNote: z.string().trim().min(1, "Describe how you checked identity.").max(500).optional(),
    printedName: ZPrintedName,
    password: ZReenteredPassword,
    email: ZSignerEmail,
  })
  .refine((r) => r.identityCheck !== "other" || r.identityCheckNote !== undefined, {
    message: "Describe how you checked identity.",
    path: ["identityCheckNote"],
  });
export type TCountersignConsentRequest = z.infer<typeof ZCountersignConsentRequestSchema>;

export const ZWithdrawConsentRequestSchema = z
  .strictObject({
    scope: ZWithdrawalScope,
    choiceId: localId.optional(),
    reason: reason.optional(),
    password: ZReenteredPassword,
    email: ZSignerEmail,
  })
  .refine((r) => (r.scope === "choice") === (r.choiceId !== undefined), {
    message: "Name the choice exactly when withdrawing from one choice.",
    path: ["choiceId"],
  });
export type TWithdrawConsentRequest = z.infer<typeof ZWithdrawConsentRequestSchema>;

export const ZListSiteConsentsQuerySchema = z.strictObject({ status: ZConsentStatus.optional() });
export type TListSiteConsentsQuery = z.infer<typeof ZListSiteConsentsQuerySchema>;

/** The participant's copy of one of their signatures (GET /api/participant/consent/[signatureId]/copy). */
export const ZConsentCopyParamsSchema = z.strictObject({ signatureId: ZConsentSignatureId });
export type TConsentCopyParams = z.infer<typeof ZConsentCopyParamsSchema>;
