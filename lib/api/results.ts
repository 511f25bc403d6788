/**
 * What the portal's routes answer, as the browser receives it: each type is derived from the use case the route
 * returns, passed through JSON (a Date arrives as its ISO string), so a client never re-declares a server shape.
 *
 * This is the one module where client code meets lib/server, and only through `import type`: type-only imports
 * are erased when compiled, so no server module (nor its "server-only" guard) is loaded by the browser bundle.
 * Components import from here, never from lib/server directly.
 *
 *   apiRequest<CreatedTrialResult>("POST", "/api/sponsor/trials", input)
 */
import type { changeRole } from "@/lib/server/admin/change-role";
import type { activateConsentVersion } from "@/lib/server/consent/activate-consent-version";
import type { answerConsentQuestion } from "@/lib/server/consent/answer-consent-question";
import type { listMyConsentQuestions } from "@/lib/server/consent/list-my-consent-questions";
import type { listSiteConsentQuestions } from "@/lib/server/consent/list-site-consent-questions";
import type { countersignConsent } from "@/lib/server/consent/countersign-consent";
import type { createConsentForm } from "@/lib/server/consent/create-consent-form";
import type { getConsentFormsOverview } from "@/lib/server/consent/get-consent-forms-overview";
import type { getConsentVersion } from "@/lib/server/consent/get-consent-version";
import type { getMyConsentForms } from "@/lib/server/consent/get-my-consent-forms";
import type { getMyParticipation } from "@/lib/server/participants/get-my-participation";
import type { listSiteConsents } from "@/lib/server/consent/list-site-consents";
import type { newConsentVersion } from "@/lib/server/consent/new-consent-version";
import type { saveConsentDraft } from "@/lib/server/consent/save-consent-draft";
import type { saveReadingProgress } from "@/lib/server/consent/save-reading-progress";
import type { signConsent } from "@/lib/server/consent/sign-consent";
import type { submitKnowledgeCheck } from "@/lib/server/consent/submit-knowledge-check";
import type { withdrawConsent } from "@/lib/server/consent/withdraw-consent";
import type { addTrialSite } from "@/lib/server/protocols/add-trial-site";
import type { amendProtocol } from "@/lib/server/protocols/amend-protocol";
import type { assignTrialRegulator } from "@/lib/server/protocols/assign-trial-regulator";
import type { changeTrialStatus } from "@/lib/server/protocols/change-trial-status";
import type { confirmProtocolOnChain } from "@/lib/server/protocols/confirm-protocol-on-chain";
import type { createTrial } from "@/lib/server/protocols/create-trial";
import type { discardPendingVersion } from "@/lib/server/protocols/discard-pending-version";
import type { getPublicTrial } from "@/lib/server/protocols/get-public-trial";
import type { getSponsorTrial } from "@/lib/server/protocols/get-sponsor-trial";
import type { listRegistryTrials } from "@/lib/server/protocols/list-registry-trials";
import type { registerProtocol } from "@/lib/server/protocols/register-protocol";
import type { saveProtocolDraft } from "@/lib/server/protocols/save-protocol-draft";
import type { correctOutcome } from "@/lib/server/outcomes/correct-outcome";
import type { getOutcomeHistory } from "@/lib/server/outcomes/get-outcome-history";
import type { getVisitCompleteness } from "@/lib/server/outcomes/get-visit-completeness";
import type { listParticipantOutcomes } from "@/lib/server/outcomes/list-participant-outcomes";
import type { recordOutcome } from "@/lib/server/outcomes/record-outcome";
import type { listSiteRoster } from "@/lib/server/sites/list-site-roster";
import type { verifyTrialLogAs } from "@/lib/server/verification/verify-trial-log-as";

/** A value as JSON.stringify then JSON.parse give it back: toJSON applied, functions and undefined dropped. */
export type Jsonified<T> = unknown extends T
  ? unknown // a value the server does not type (a JSON column) stays untyped, rather than becoming {}
  : T extends { toJSON(...args: never[]): infer J }
    ? Jsonified<J>
    : T extends string | number | boolean | null
      ? T
      : T extends undefined | bigint | symbol | ((...args: never[]) => unknown)
        ? never
        : T extends readonly (infer U)[]
          ? Jsonified<U>[]
          : { [K in keyof T]: Jsonified<T[K]> };

/** The JSON answer of a route that returns `useCase(...)`. */
export type ResultOf<F extends (...args: never[]) => Promise<unknown>> = Jsonified<Awaited<ReturnType<F>>>;

// /api/sponsor/trials and /api/sponsor/trials/[trialId]/…
export type CreatedTrialResult = ResultOf<typeof createTrial>;
export type SponsorTrialResult = ResultOf<typeof getSponsorTrial>;
export type SavedDraftResult = ResultOf<typeof saveProtocolDraft>;
export type RegistrationResult = ResultOf<typeof registerProtocol>;
export type AmendmentResult = ResultOf<typeof amendProtocol>;
export type ChainConfirmationResult = ResultOf<typeof confirmProtocolOnChain>;
export type DiscardedVersionResult = ResultOf<typeof discardPendingVersion>;
export type TrialStatusChangeResult = ResultOf<typeof changeTrialStatus>;
export type AddedSiteResult = ResultOf<typeof addTrialSite>;
export type AssignedRegulatorResult = ResultOf<typeof assignTrialRegulator>;

// /api/sponsor/trials/[trialId]/consent-forms/… (the list page renders the overview; the editor a version)
export type ConsentFormsOverviewResult = ResultOf<typeof getConsentFormsOverview>;
export type ConsentVersionResult = ResultOf<typeof getConsentVersion>;
export type CreatedConsentFormResult = ResultOf<typeof createConsentForm>;
export type SavedConsentDraftResult = ResultOf<typeof saveConsentDraft>;
export type NewConsentVersionResult = ResultOf<typeof newConsentVersion>;
export type ActivatedConsentVersionResult = ResultOf<typeof activateConsentVersion>;

// /api/trials and /api/trials/[publicId]
export type RegistryPageResult = ResultOf<typeof listRegistryTrials>;
export type PublicTrialResult = ResultOf<typeof getPublicTrial>;

// /api/admin/roles, /api/logs/[logId]/verification
export type RoleChangeResult = ResultOf<typeof changeRole>;
export type TrialLogVerificationResult = ResultOf<typeof verifyTrialLogAs>;

// /api/site/roster (the site page passes its `assignments` to the participant invitation form)
export type SiteRosterResult = ResultOf<typeof listSiteRoster>;

// /api/site/consents and /api/site/consents/countersignatures (the site page's consents view)
export type SiteConsentsResult = ResultOf<typeof listSiteConsents>;
export type CountersignatureResult = ResultOf<typeof countersignConsent>;

// /api/site/outcomes/…
export type ParticipantOutcomesResult = ResultOf<typeof listParticipantOutcomes>;
export type RecordedOutcomeResult = ResultOf<typeof recordOutcome>;
export type CorrectedOutcomeResult = ResultOf<typeof correctOutcome>;
export type OutcomeHistoryResult = ResultOf<typeof getOutcomeHistory>;
export type VisitCompletenessResult = ResultOf<typeof getVisitCompleteness>;

// /api/participant/consent/… (the participant's consent journey)
export type MyConsentFormsResult = ResultOf<typeof getMyConsentForms>;
export type MyConsentForm = MyConsentFormsResult["forms"][number];
export type ReadingProgressResult = ResultOf<typeof saveReadingProgress>;
export type KnowledgeCheckResult = ResultOf<typeof submitKnowledgeCheck>;
export type SignedConsentResult = ResultOf<typeof signConsent>;
export type WithdrawalResult = ResultOf<typeof withdrawConsent>;
export type MyParticipationResult = ResultOf<typeof getMyParticipation>;

// /api/participant/consent/questions and /api/site/consent-questions (the question thread with the study team)
export type MyConsentQuestionsResult = ResultOf<typeof listMyConsentQuestions>;
export type ConsentQuestionMessage = MyConsentQuestionsResult["messages"][number];
export type SiteConsentQuestionsResult = ResultOf<typeof listSiteConsentQuestions>;
export type SiteConsentQuestionThread = SiteConsentQuestionsResult["threads"][number];
export type AnsweredConsentQuestionResult = ResultOf<typeof answerConsentQuestion>;
