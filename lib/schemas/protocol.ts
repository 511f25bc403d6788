/**
 * The trial protocol (WHO Trial Registration Data Set items that apply at registration) and the requests of the
 * protocol registration use cases. Shared by the protocol form, the route handlers and lib/server/protocols.
 *
 * Every value is a string (or a list/object of strings): clinical quantities such as the target sample size are
 * decimal strings, never JSON numbers (docs/records.md#decimal-strings), so the `protocol.version` record hashes
 * exactly what was typed. No transforms: the parsed protocol is the very object stored and hashed.
 */
import { z } from "zod";
import { ALLOCATIONS } from "@/lib/vocabulary/allocation";
import { MASKINGS } from "@/lib/vocabulary/masking";
import { PHASES } from "@/lib/vocabulary/phase";
import { RECRUITMENT_STATUSES, RECRUITMENT_STATUSES_NEEDING_REASON, needsReason } from "@/lib/vocabulary/recruitment-status";
import { STUDY_TYPES } from "@/lib/vocabulary/study-type";
import { checkMeasures, outcomeMeasureFields, partialOutcomeMeasureFields, ZVisitDraftSchema, ZVisitScheduleSchema } from "./protocol-measures";

/** Missing → "<label> is required"; wrong type → "<label> must be <what>". */
const missingOr = (label: string, what: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? `${label} is required` : `${label} must be ${what}`;
const text = (label: string, max = 500) =>
  z
    .string({ error: missingOr(label, "text") })
    .max(max, `${label} must be at most ${max} characters`)
    .refine((s) => s.trim().length > 0, `${label} is required`);
const longText = (label: string) => text(label, 10_000);
const list = <T extends z.ZodType>(item: T, label: string, min = 0) =>
  z
    .array(item, { error: missingOr(label, "a list") })
    .max(200, `${label}: at most 200 entries`)
    .min(min, min === 1 ? `Add at least one ${label.toLowerCase()}` : `${label}: at least ${min} entries`);

export const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const isoDate = (label: string) =>
  z
    .string({ error: missingOr(label, "a date (YYYY-MM-DD)") })
    .regex(ISO_DATE_PATTERN, `${label} must be a date written YYYY-MM-DD`)
    .refine((s) => {
      if (!ISO_DATE_PATTERN.test(s)) return true;
      const t = Date.parse(`${s}T00:00:00.000Z`);
      return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === s;
    }, `${label} is not a real calendar date`);

// The enumerations are lib/vocabulary's; re-exported here because the protocol form reads them with the schema.
export { STUDY_TYPES } from "@/lib/vocabulary/study-type";
export { PHASES, PHASE_LABEL } from "@/lib/vocabulary/phase";
export { ALLOCATIONS } from "@/lib/vocabulary/allocation";
export { MASKINGS } from "@/lib/vocabulary/masking";
export { RECRUITMENT_STATUSES } from "@/lib/vocabulary/recruitment-status";

/** ISO 3166-1 alpha-2 (format check; the code list is the UI's concern). */
export const ZCountryCode = z
  .string({ error: "Country must be a two-letter code" })
  .regex(/^[A-Z]{2}$/, "Country must be an ISO 3166-1 alpha-2 code such as GB");
export const ZDecimalString = z
  .string({
    error: (issue) => (issue.input === undefined ? "Target sample size is required" : 'Write the number as text, e.g. "120"'),
  })
  .regex(/^(0|[1-9][0-9]{0,11})$/, 'Target sample size must be a whole number written as text, e.g. "120"');

const contact = (label: string) =>
  z.object(
    {
      name: text(`${label} name`, 200),
      email: z.email({
        error: (issue) => (issue.input === undefined ? `${label} email is required` : `${label} email must be a valid email address`),
      }),
      affiliation: text(`${label} affiliation`, 300),
    },
    { error: missingOr(label, "a name, email and affiliation") },
  );

const outcome = z.object({
  title: text("Outcome title", 500),
  measure: longText("Outcome measure / description"),
  timeFrame: z
    .string({ error: 'Every outcome needs a time frame (e.g. "Baseline to week 12")' })
    .max(500)
    .refine((s) => s.trim().length > 0, 'Every outcome needs a time frame (e.g. "Baseline to week 12")'),
  ...outcomeMeasureFields,
});

export const ZProtocolSchema = z
  .object({
    publicTitle: text("Public title", 300),
    scientificTitle: text("Scientific title", 1000),
    secondaryIds: list(z.object({ issuer: text("Secondary id issuer", 200), id: text("Secondary id", 200) }), "Secondary ids"),
    monetarySupport: list(text("Source of monetary support", 300), "Source of monetary support", 1),
    primarySponsor: text("Primary sponsor", 300),
    secondarySponsors: list(text("Secondary sponsor", 300), "Secondary sponsors"),
    publicContact: contact("Public contact"),
    scientificContact: contact("Scientific contact"),
    countries: list(ZCountryCode, "Country of recruitment", 1),
    conditions: list(text("Health condition", 300), "Health condition", 1),
    interventions: list(z.object({ name: text("Intervention name", 300), description: longText("Intervention description") }), "Intervention", 1),
    inclusionCriteria: longText("Key inclusion criteria"),
    exclusionCriteria: longText("Key exclusion criteria"),
    studyType: z.enum(STUDY_TYPES, { error: missingOr("Study type", "interventional or observational") }),
    phase: z.enum(PHASES, { error: missingOr("Phase", `one of: ${PHASES.join(", ")}`) }),
    allocation: z.enum(ALLOCATIONS, { error: missingOr("Allocation", `one of: ${ALLOCATIONS.join(", ")}`) }),
    masking: z.enum(MASKINGS, { error: missingOr("Masking", `one of: ${MASKINGS.join(", ")}`) }),
    arms: list(z.object({ label: text("Arm label", 200), description: longText("Arm description") }), "Arm", 1),
    targetSampleSize: ZDecimalString,
    anticipatedFirstEnrollment: isoDate("Anticipated first enrollment"),
    anticipatedCompletion: isoDate("Anticipated completion"),
    recruitmentStatus: z.enum(RECRUITMENT_STATUSES, {
      error: missingOr("Recruitment status", `one of: ${RECRUITMENT_STATUSES.join(", ")}`),
    }),
    ethicsReview: z.object(
      {
        committee: text("Ethics committee", 300),
        approvalDate: isoDate("Ethics approval date"),
        reference: text("Ethics approval reference", 200),
      },
      { error: missingOr("Ethics review", "a committee, approval date and reference") },
    ),
    ipdSharingStatement: longText("IPD sharing statement"),
    primaryOutcomes: list(outcome, "Primary outcome", 1),
    secondaryOutcomes: list(outcome, "Secondary outcomes"),
    visits: ZVisitScheduleSchema.optional(),
  })
  .superRefine(checkMeasures)
  .refine((p) => p.anticipatedCompletion >= p.anticipatedFirstEnrollment, {
    message: "Anticipated completion must not be before the anticipated first enrollment",
    path: ["anticipatedCompletion"],
  });
export type TProtocol = z.infer<typeof ZProtocolSchema>;

/** The same shape, every field optional (and lists of partial items): what autosave accepts. Still typed. */
const s = (max = 10_000) => z.string().max(max);
const partialContact = z.object({ name: s(200), email: s(320), affiliation: s(300) }).partial();
const partialOutcome = z.object({ title: s(500), measure: s(), timeFrame: s(500), ...partialOutcomeMeasureFields }).partial();
export const ZProtocolDraftSchema = z
  .object({
    publicTitle: s(300),
    scientificTitle: s(1000),
    secondaryIds: z.array(z.object({ issuer: s(200), id: s(200) }).partial()).max(200),
    monetarySupport: z.array(s(300)).max(200),
    primarySponsor: s(300),
    secondarySponsors: z.array(s(300)).max(200),
    publicContact: partialContact,
    scientificContact: partialContact,
    countries: z.array(s(2)).max(200),
    conditions: z.array(s(300)).max(200),
    interventions: z.array(z.object({ name: s(300), description: s() }).partial()).max(200),
    inclusionCriteria: s(),
    exclusionCriteria: s(),
    studyType: z.enum(STUDY_TYPES),
    phase: z.enum(PHASES),
    allocation: z.enum(ALLOCATIONS),
    masking: z.enum(MASKINGS),
    arms: z.array(z.object({ label: s(200), description: s() }).partial()).max(200),
    targetSampleSize: s(20),
    anticipatedFirstEnrollment: s(10),
    anticipatedCompletion: s(10),
    recruitmentStatus: z.enum(RECRUITMENT_STATUSES),
    ethicsReview: z.object({ committee: s(300), approvalDate: s(10), reference: s(200) }).partial(),
    ipdSharingStatement: s(),
    primaryOutcomes: z.array(partialOutcome).max(200),
    secondaryOutcomes: z.array(partialOutcome).max(200),
    visits: ZVisitDraftSchema,
  })
  .partial();
export type TProtocolDraft = z.infer<typeof ZProtocolDraftSchema>;

// ---- requests ----

export const ZCreateTrialRequestSchema = z.object({
  title: text("Title", 300),
  /** Only needed when the viewer administers several sponsor organizations. */
  sponsorOrgId: z.string().min(1).optional(),
});
export type TCreateTrialRequest = z.infer<typeof ZCreateTrialRequestSchema>;

export const ZSaveDraftRequestSchema = z.object({ data: ZProtocolDraftSchema });
export type TSaveDraftRequest = z.infer<typeof ZSaveDraftRequestSchema>;

export const ZAmendProtocolRequestSchema = z.object({
  reason: z
    .string({ error: "Say why the protocol is amended" })
    .max(2000, "Reason must be at most 2000 characters")
    .refine((r) => r.trim().length > 0, "Say why the protocol is amended"),
});
export type TAmendProtocolRequest = z.infer<typeof ZAmendProtocolRequestSchema>;

export const ZChainConfirmationRequestSchema = z.object({
  txHash: z.string().regex(/^0x[0-9a-fA-F]{64}$/, "Transaction hash must be 0x followed by 64 hex digits"),
});
export type TChainConfirmationRequest = z.infer<typeof ZChainConfirmationRequestSchema>;

/** Discarding the version awaiting signature: named by its protocol hash (a stale page cannot discard another one). */
export const ZDiscardPendingVersionRequestSchema = z.object({
  protocolHash: z.string().regex(/^0x[0-9a-fA-F]{64}$/, "Protocol hash must be 0x followed by 64 hex digits"),
  reason: z
    .string({ error: "Say why the prepared version is discarded" })
    .max(2000, "Reason must be at most 2000 characters")
    .refine((r) => r.trim().length > 0, "Say why the prepared version is discarded"),
});
export type TDiscardPendingVersionRequest = z.infer<typeof ZDiscardPendingVersionRequestSchema>;

/** A registered trial's new recruitment status: one `protocol.status` record (a reason when pausing or stopping). */
export const TRIAL_STATUS_CHANGES = RECRUITMENT_STATUSES;
export const STATUS_NEEDS_REASON: readonly string[] = RECRUITMENT_STATUSES_NEEDING_REASON;
export const ZChangeTrialStatusRequestSchema = z
  .object({
    status: z.enum(RECRUITMENT_STATUSES, `Status must be one of: ${RECRUITMENT_STATUSES.join(", ")}`),
    reason: z.string().max(2000).optional(),
  })
  .refine((b) => !needsReason(b.status) || (b.reason ?? "").trim().length > 0, {
    message: "Say why the trial is suspended, terminated or withdrawn",
    path: ["reason"],
  });
export type TChangeTrialStatusRequest = z.infer<typeof ZChangeTrialStatusRequestSchema>;

export const ZAddSiteRequestSchema = z.object({ siteOrgId: z.string().min(1, "Choose a site") });
export type TAddSiteRequest = z.infer<typeof ZAddSiteRequestSchema>;
export const ZAssignRegulatorRequestSchema = z.object({ userId: z.string().min(1, "Choose a regulator") });
export type TAssignRegulatorRequest = z.infer<typeof ZAssignRegulatorRequestSchema>;

/** The registry's query: lib/schemas/registry.ts (re-exported for existing importers). */
export { ZRegistryQuerySchema, type TRegistryQuery } from "./registry";

/** What the sponsor's wallet signs (returned by registration and amendment). */
export interface PendingSignature {
  version: number;
  protocolHash: `0x${string}`;
  publicId: string;
  /** keccak256 of the public id: what registerTrial takes (docs/ledger.md#trial-ids). */
  publicIdHash: `0x${string}`;
  /** The trial's id on chain; null until registered (the contract derives it from the signing wallet). */
  chainTrialId: `0x${string}` | null;
  anchorer: `0x${string}`;
  contract: `0x${string}`;
  chainId: number;
  /** "registerTrial" for version 1, "amendProtocol" after. */
  functionName: "registerTrial" | "amendProtocol";
  /** When the version was prepared: its record's `at` (the record enters the log once confirmed). */
  preparedAt: string;
  summary: string;
}
