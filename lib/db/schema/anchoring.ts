import { sql } from "drizzle-orm";
import { bigint, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { ANCHORING_ALARM_KINDS } from "../../vocabulary/anchoring-alarm";
import { bytea } from "./bytea";
import { log } from "./log";
import { trial } from "./trials";

export const anchorBatchStatus = pgEnum("anchor_batch_status", ["signed", "sent", "confirmed", "failed"]);

/**
 * What the transaction does: checkpoints (rows in `checkpoint`), or the anchorer's one-time registration of the
 * portal-wide log on chain (no checkpoint rows). Both go through the same sign → store → send → confirm path,
 * so the anchorer's nonces are handed out in one place.
 */
export const anchorBatchPurpose = pgEnum("anchor_batch_purpose", ["checkpoint", "register_portal_log"]);

/**
 * One checkpoint transaction (possibly many trials). The signed raw transaction is stored BEFORE it is
 * broadcast, so a worker restarted at any point re-sends the very same transaction (same nonce, same hash)
 * instead of a second one; the contract's "tree must grow" rule is the last guard.
 */
export const anchorBatch = pgTable(
  "anchor_batch",
  {
    id: text("id").primaryKey(),
    status: anchorBatchStatus("status").notNull(),
    purpose: anchorBatchPurpose("purpose").notNull().default("checkpoint"),
    chainId: integer("chain_id").notNull(),
    contract: text("contract").notNull(),
    anchorer: text("anchorer").notNull(),
    nonce: bigint("nonce", { mode: "number" }).notNull(),
    txHash: text("tx_hash").notNull().unique(),
    rawTx: text("raw_tx").notNull(),
    blockNumber: bigint("block_number", { mode: "number" }),
    blockHash: text("block_hash"),
    gasUsed: bigint("gas_used", { mode: "number" }),
    error: text("error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
  },
  (t) => [
    index("anchor_batch_status_idx").on(t.status),
    // The daily gas budget sums one anchorer's batches of one UTC day.
    index("anchor_batch_anchorer_day_idx").on(t.chainId, t.anchorer, t.createdAt),
  ],
);

/** A log checkpoint (tree size, root) and the batch that carries it on chain. */
export const checkpoint = pgTable(
  "checkpoint",
  {
    logId: text("log_id")
      .notNull()
      .references(() => log.id, { onDelete: "restrict" }),
    treeSize: bigint("tree_size", { mode: "number" }).notNull(),
    rootHash: bytea("root_hash").notNull(),
    batchId: text("batch_id")
      .notNull()
      .references(() => anchorBatch.id, { onDelete: "restrict" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.logId, t.treeSize, t.batchId] }), index("checkpoint_batch_idx").on(t.batchId)],
);

export const anchoringAlarmKind = pgEnum("anchoring_alarm_kind", ANCHORING_ALARM_KINDS);

/**
 * Why the anchorer stopped checkpointing a trial (`trial_id` set) or every trial (null), until someone acts. Opened
 * and resolved through the audit path: `opened_log_index` / `resolved_log_index` name the `anchoring.alarm_raised` /
 * `anchoring.alarm_resolved` records in `log_id` (the trial's log, or the portal log). At most one open alarm per
 * kind, anchorer and log (partial unique index), so every worker step may raise it again without effect.
 */
export const anchoringAlarm = pgTable(
  "anchoring_alarm",
  {
    id: text("id").primaryKey(),
    kind: anchoringAlarmKind("kind").notNull(),
    chainId: integer("chain_id").notNull(),
    contract: text("contract").notNull(),
    anchorer: text("anchorer").notNull(),
    trialId: text("trial_id").references(() => trial.id, { onDelete: "restrict" }),
    logId: text("log_id")
      .notNull()
      .references(() => log.id, { onDelete: "restrict" }),
    /** What happened and what to do, for the people shown the alarm. */
    detail: text("detail").notNull(),
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull(),
    openedLogIndex: bigint("opened_log_index", { mode: "number" }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolution: text("resolution"),
    resolvedLogIndex: bigint("resolved_log_index", { mode: "number" }),
  },
  (t) => [
    uniqueIndex("anchoring_alarm_open_uq")
      .on(t.kind, t.chainId, t.contract, t.anchorer, t.logId)
      .where(sql`resolved_at is null`),
    index("anchoring_alarm_trial_idx").on(t.trialId, t.openedAt),
  ],
);
