import { bigint, index, jsonb, pgTable, primaryKey, smallint, text, timestamp } from "drizzle-orm/pg-core";
import { bytea } from "./bytea";
import { trial } from "./trials";

/**
 * One append-only RFC 9162 log per trial (id = public trial id) plus the portal-wide log ("portal").
 * The head row is the serialization point: every append locks it (SELECT … FOR UPDATE), so indexes are
 * dense and unique across connections and processes. `frontier` holds the compact range of the current
 * size, so an append needs no read of older nodes.
 */
export const log = pgTable("log", {
  id: text("id").primaryKey(),
  trialId: text("trial_id").references(() => trial.id, { onDelete: "restrict" }),
  // Set once, when the log is registered on chain: the id the contract derives from the registering wallet and the
  // public id (docs/ledger.md#trial-ids). Null until then; the log_head_grows trigger refuses any later change.
  chainTrialId: text("chain_trial_id").unique(),
  /** The account that registered it (lowercase 0x address): with the public id, what the chain trial id is made of. */
  chainSponsor: text("chain_sponsor"),
  size: bigint("size", { mode: "number" }).notNull().default(0),
  rootHash: bytea("root_hash").notNull(),
  frontier: jsonb("frontier").notNull().$type<string[]>().default([]),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Leaf index → leaf hash. Never updated or deleted (grants + triggers). */
export const logLeaf = pgTable(
  "log_leaf",
  {
    logId: text("log_id")
      .notNull()
      .references(() => log.id, { onDelete: "restrict" }),
    idx: bigint("idx", { mode: "number" }).notNull(),
    leafHash: bytea("leaf_hash").notNull(),
    kind: text("kind").notNull(),
    subject: text("subject"),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull(),
    appendedAt: timestamp("appended_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.logId, t.idx] }), index("log_leaf_subject_idx").on(t.subject)],
);

/**
 * The record itself (envelope JSON, salt included). Kept apart from the leaf so that a lawful erasure can
 * remove the data and its salt while the leaf hash, and so the log, stays verifiable (docs/privacy.md#erasure).
 */
export const logEnvelope = pgTable(
  "log_envelope",
  {
    logId: text("log_id").notNull(),
    idx: bigint("idx", { mode: "number" }).notNull(),
    envelope: jsonb("envelope").notNull().$type<Record<string, unknown>>(),
  },
  (t) => [primaryKey({ columns: [t.logId, t.idx] })],
);

/** Perfect subtree hashes: node (level, idx) covers leaves [idx·2^level, (idx+1)·2^level). */
export const logNode = pgTable(
  "log_node",
  {
    logId: text("log_id").notNull(),
    level: smallint("level").notNull(),
    idx: bigint("idx", { mode: "number" }).notNull(),
    hash: bytea("hash").notNull(),
  },
  (t) => [primaryKey({ columns: [t.logId, t.level, t.idx] })],
);
