import { bigint, index, integer, pgEnum, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { bytea } from "./bytea";
import { log } from "./log";

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
  (t) => [index("anchor_batch_status_idx").on(t.status)],
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
