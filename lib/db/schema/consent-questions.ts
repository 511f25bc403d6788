import { index, pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { CONSENT_QUESTION_AUTHORS } from "../../vocabulary/consent-question-author";
import { user } from "./auth";
import { consentFormVersion } from "./consent";
import { participant } from "./participants";

export const consentQuestionAuthor = pgEnum("consent_question_author", CONSENT_QUESTION_AUTHORS);

/**
 * One message of a participant's question thread with their study team (docs/consent.md#questions-to-the-study-team).
 * The body is personal free text: it is kept here only, never in the trial's log. Append-only (drizzle/0021): a
 * question or an answer is never edited or deleted, whoever asks.
 */
export const consentQuestionMessage = pgTable(
  "consent_question_message",
  {
    id: text("id").primaryKey(),
    participantId: text("participant_id")
      .notNull()
      .references(() => participant.id, { onDelete: "restrict" }),
    /** The form version the participant was reading when they asked (none for an answer or a general question). */
    formVersionId: text("form_version_id").references(() => consentFormVersion.id, { onDelete: "restrict" }),
    authorUserId: text("author_user_id")
      .notNull()
      .references(() => user.id, { onDelete: "restrict" }),
    authorRole: consentQuestionAuthor("author_role").notNull(),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("consent_question_message_participant_idx").on(t.participantId, t.createdAt)],
);
