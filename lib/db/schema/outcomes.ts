import { sql } from "drizzle-orm";
import { bigint, foreignKey, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { CORRECTION_REASONS } from "../../vocabulary/correction-reason";
import { OUTCOME_SOURCES } from "../../vocabulary/outcome-source";
import { user } from "./auth";
import { participant } from "./participants";

export const outcomeSource = pgEnum("outcome_source", OUTCOME_SOURCES);
export const correctionReason = pgEnum("outcome_correction_reason", CORRECTION_REASONS);

/**
 * One value of one data point (participant, measure, visit): the first value as recorded, or a correction of an
 * earlier value (`corrects_id`, with a reason). Append-only (docs/outcomes.md#corrections): a correction never edits
 * the row it corrects, and the current value of a data point is the end of its chain of corrections. Each row is the
 * `outcome.recorded` / `outcome.corrected` record at `leaf_index` of the trial's log; `source` and the correction
 * text stay here, out of the log.
 */
export const outcomeValue = pgTable(
  "outcome_value",
  {
    id: text("id").primaryKey(),
    participantId: text("participant_id")
      .notNull()
      .references(() => participant.id, { onDelete: "restrict" }),
    /** The participant's trial and site, copied so that site and sponsor views filter without a join. */
    trialId: text("trial_id").notNull(),
    siteOrgId: text("site_org_id").notNull(),
    /** The registered protocol version whose pre-specified measure and visit schedule the value was checked against. */
    protocolVersion: integer("protocol_version").notNull(),
    measure: text("measure").notNull(),
    visit: text("visit").notNull(),
    value: text("value").notNull(),
    unit: text("unit").notNull(),
    observedAt: timestamp("observed_at", { withTimezone: true, precision: 3 }).notNull(),
    source: outcomeSource("source").notNull(),
    correctsId: text("corrects_id"),
    reason: correctionReason("reason"),
    reasonText: text("reason_text"),
    recordedBy: text("recorded_by")
      .notNull()
      .references(() => user.id, { onDelete: "restrict" }),
    recordedAt: timestamp("recorded_at", { withTimezone: true, precision: 3 }).notNull(),
    leafIndex: bigint("leaf_index", { mode: "number" }).notNull(),
    leafHash: text("leaf_hash").notNull(),
  },
  (t) => [
    foreignKey({ name: "outcome_value_corrects_fk", columns: [t.correctsId], foreignColumns: [t.id] }).onDelete("restrict"),
    // One original value per data point; each value is corrected at most once, so the corrections form one chain.
    uniqueIndex("outcome_value_original_uq")
      .on(t.participantId, t.measure, t.visit)
      .where(sql`${t.correctsId} is null`),
    uniqueIndex("outcome_value_corrected_once_uq").on(t.correctsId),
    index("outcome_value_trial_site_idx").on(t.trialId, t.siteOrgId),
  ],
);
