import { bigint, bigserial, foreignKey, index, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { logLeaf } from "./log";

/**
 * Append-only audit trail (UPDATE/DELETE/TRUNCATE are refused by grants and triggers in custom migrations).
 * Every row is written by `recordDomainChange` in the same transaction as the change it describes, and names the
 * log record of that change (`log_id`, `log_index`): the foreign key makes the record exist, the unique index makes
 * it audited once. `kind` is the record's kind. `body` holds operational detail that must stay out of the log
 * (client address, session ids, an attempted email); the record itself is read from the log.
 */
export const auditEvent = pgTable(
  "audit_event",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    kind: text("kind").notNull(),
    actorUserId: text("actor_user_id"),
    actorRole: text("actor_role"),
    actorOrganizationId: text("actor_organization_id"),
    trialId: text("trial_id"),
    logId: text("log_id"),
    logIndex: bigint("log_index", { mode: "number" }),
    subject: text("subject"),
    ipAddress: text("ip_address"),
    body: jsonb("body").notNull().$type<Record<string, unknown>>(),
  },
  (t) => [
    index("audit_event_actor_idx").on(t.actorUserId),
    index("audit_event_trial_idx").on(t.trialId),
    index("audit_event_kind_idx").on(t.kind, t.id),
    index("audit_event_at_idx").on(t.at),
    uniqueIndex("audit_event_record_uq").on(t.logId, t.logIndex),
    foreignKey({
      name: "audit_event_record_fk",
      columns: [t.logId, t.logIndex],
      foreignColumns: [logLeaf.logId, logLeaf.idx],
    }),
  ],
);
