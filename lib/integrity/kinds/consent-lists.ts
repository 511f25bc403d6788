/**
 * The enumerations of the consent records, in a file of its own without imports so that the database schema (read by
 * drizzle-kit) and the vocabulary share the very same lists with the record bodies.
 */

/** Who signs a form: the participant, or their legally authorized representative. */
export const CONSENT_SIGNERS = ["participant", "representative"] as const;

/** How an investigator established the signer's identity before countersigning. */
export const IDENTITY_CHECKS = ["in_person_id", "video_call", "other"] as const;

/** What a withdrawal ends: all further participation, further data collection only, or one optional choice. */
export const WITHDRAWAL_SCOPES = ["all", "data_collection", "choice"] as const;

/** Knowledge-check questions: one correct option, or several. */
export const QUESTION_KINDS = ["single", "multiple"] as const;
