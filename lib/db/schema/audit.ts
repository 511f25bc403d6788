import { bigserial, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Append-only audit trail (UPDATE/DELETE/TRUNCATE are refused by triggers in a custom migration).
 * Every row is written in the same transaction as the change it describes.
 */
export const auditEvent = pgTable(
  "audit_event",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    kind: text("kind").notNull(),
    actorUserId: text("actor_user_id"),
    actorRole: text("actor_role"),
    trialId: text("trial_id"),
    subject: text("subject"),
    ipAddress: text("ip_address"),
    body: jsonb("body").notNull().$type<Record<string, unknown>>(),
  },
  (t) => [index("audit_event_actor_idx").on(t.actorUserId), index("audit_event_trial_idx").on(t.trialId)],
);
