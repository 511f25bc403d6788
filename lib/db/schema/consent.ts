import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import type { z } from "zod";
import type { consentFormContent, consentSites, ethicsApproval } from "../../integrity/kinds/consent";
import { CONSENT_SIGNERS, IDENTITY_CHECKS, WITHDRAWAL_SCOPES } from "../../integrity/kinds/consent-lists";
import { CONSENT_FORM_STATES } from "../../vocabulary/consent-form-state";
import { user } from "./auth";
import { participant } from "./participants";
import { trial } from "./trials";

export type ConsentFormContent = z.infer<typeof consentFormContent>;
export type EthicsApproval = z.infer<typeof ethicsApproval>;
export type ConsentSites = z.infer<typeof consentSites>;

export const consentFormState = pgEnum("consent_form_state", CONSENT_FORM_STATES);
export const consentSignerKind = pgEnum("consent_signer", CONSENT_SIGNERS);
export const identityCheckKind = pgEnum("consent_identity_check", IDENTITY_CHECKS);
export const withdrawalScope = pgEnum("consent_withdrawal_scope", WITHDRAWAL_SCOPES);

// Columns shared by the consent tables: who the row is about or by, and where its record is in the trial's log.
const participantRef = () =>
  text("participant_id")
    .notNull()
    .references(() => participant.id, { onDelete: "restrict" });
const formVersionRef = () =>
  text("form_version_id")
    .notNull()
    .references(() => consentFormVersion.id, { onDelete: "restrict" });
const userRef = () =>
  text("user_id")
    .notNull()
    .references(() => user.id, { onDelete: "restrict" });
const signatureRef = () =>
  text("signature_id")
    .notNull()
    .references(() => consentSignature.id, { onDelete: "restrict" });
const recordColumns = () => ({
  leafIndex: bigint("leaf_index", { mode: "number" }).notNull(),
  leafHash: text("leaf_hash").notNull(),
});
/** The inputs of a signature's manifestation commitment (docs/consent.md#the-manifestation-commitment) and the hash. */
const manifestationColumns = () => ({
  name: text("name").notNull(),
  signedAt: timestamp("signed_at", { withTimezone: true }).notNull(),
  meaning: text("meaning").notNull(),
  salt: text("salt").notNull(),
  manifestation: text("manifestation").notNull(),
});

/**
 * One version of a trial's consent form (docs/consent.md#form-versions). A draft is edited freely by the sponsor; its
 * activation (with the ethics approval and the sites it applies to) appends the `consent.form` record and freezes the
 * row: drizzle/0017 refuses any UPDATE or DELETE of an active version, whoever asks. Changes make a new version.
 */
export const consentFormVersion = pgTable(
  "consent_form_version",
  {
    id: text("id").primaryKey(),
    /** The form across its versions (cf_…); the record's formId. */
    formId: text("form_id").notNull(),
    version: integer("version").notNull(),
    trialId: text("trial_id")
      .notNull()
      .references(() => trial.id, { onDelete: "restrict" }),
    protocolVersion: integer("protocol_version").notNull(),
    language: text("language").notNull(),
    title: text("title").notNull(),
    content: jsonb("content").notNull().$type<ConsentFormContent>(),
    state: consentFormState("state").notNull().default("draft"),
    ethicsApproval: jsonb("ethics_approval").$type<EthicsApproval>(),
    /** "all" or a list of site organization ids; set at activation. */
    sites: jsonb("sites").$type<ConsentSites>(),
    leafIndex: bigint("leaf_index", { mode: "number" }),
    leafHash: text("leaf_hash"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    createdBy: text("created_by")
      .notNull()
      .references(() => user.id, { onDelete: "restrict" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    updatedBy: text("updated_by")
      .notNull()
      .references(() => user.id, { onDelete: "restrict" }),
    activatedAt: timestamp("activated_at", { withTimezone: true }),
    activatedBy: text("activated_by").references(() => user.id, { onDelete: "restrict" }),
  },
  (t) => [
    uniqueIndex("consent_form_version_uq").on(t.formId, t.version),
    uniqueIndex("consent_form_one_draft_uq")
      .on(t.formId)
      .where(sql`${t.state} = 'draft'`),
    index("consent_form_version_trial_idx").on(t.trialId, t.state),
  ],
);

/** Where a participant stopped reading a form version, so that they can resume (working state, not a record). */
export const consentReadingProgress = pgTable(
  "consent_reading_progress",
  {
    participantId: participantRef(),
    formVersionId: formVersionRef(),
    sectionIndex: integer("section_index").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.participantId, t.formVersionId] })],
);

/** Every knowledge-check attempt, kept (append-only): the signature record reports how many were needed. */
export const consentCheckAttempt = pgTable(
  "consent_check_attempt",
  {
    id: text("id").primaryKey(),
    participantId: participantRef(),
    formVersionId: formVersionRef(),
    /** Question id → the option ids chosen. */
    answers: jsonb("answers").notNull().$type<Record<string, string[]>>(),
    score: integer("score").notNull(),
    passed: boolean("passed").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("consent_check_attempt_participant_idx").on(t.participantId, t.formVersionId)],
);

/**
 * A participant's (or representative's) signature of one form version, with the inputs of the manifestation
 * commitment that the pseudonymous `consent.signed` record carries: the printed name, the instant, the meaning and
 * the salt exist only here and in the participant's copy. Append-only (drizzle/0017).
 */
export const consentSignature = pgTable(
  "consent_signature",
  {
    id: text("id").primaryKey(),
    participantId: participantRef(),
    formVersionId: formVersionRef(),
    userId: userRef(),
    signer: consentSignerKind("signer").notNull(),
    /** The representative's relationship to the participant, when a representative signs. */
    relationship: text("relationship"),
    witnessName: text("witness_name"),
    attemptId: text("attempt_id")
      .notNull()
      .references(() => consentCheckAttempt.id, { onDelete: "restrict" }),
    choices: jsonb("choices").notNull().$type<{ id: string; accepted: boolean }[]>(),
    ...manifestationColumns(),
    ...recordColumns(),
  },
  (t) => [uniqueIndex("consent_signature_once_uq").on(t.participantId, t.formVersionId), index("consent_signature_form_idx").on(t.formVersionId)],
);

/** The investigator's countersignature of one signature, with its own manifestation inputs. Append-only. */
export const consentCountersignature = pgTable("consent_countersignature", {
  id: text("id").primaryKey(),
  signatureId: signatureRef().unique(),
  participantId: participantRef(),
  userId: userRef(),
  identityCheck: identityCheckKind("identity_check").notNull(),
  /** How identity was checked, in words, when the method is "other" (kept out of the log: it may name people). */
  identityCheckNote: text("identity_check_note"),
  ...manifestationColumns(),
  ...recordColumns(),
});

/** A withdrawal: of everything, of further data collection, or of one optional choice. Append-only. */
export const consentWithdrawal = pgTable(
  "consent_withdrawal",
  {
    id: text("id").primaryKey(),
    signatureId: signatureRef(),
    participantId: participantRef(),
    userId: userRef(),
    scope: withdrawalScope("scope").notNull(),
    choiceId: text("choice_id"),
    reason: text("reason"),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }).notNull(),
    ...recordColumns(),
  },
  (t) => [index("consent_withdrawal_participant_idx").on(t.participantId)],
);
