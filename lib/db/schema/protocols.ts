import { sql } from "drizzle-orm";
import { bigint, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import type { EnvelopeOf } from "../../integrity";
import { user } from "./auth";
import { organization } from "./organizations";
import { trial } from "./trials";

/** The sponsor's working copy of the protocol (autosaved, lenient, never public). One per trial. */
export const protocolDraft = pgTable("protocol_draft", {
  trialId: text("trial_id")
    .primaryKey()
    .references(() => trial.id, { onDelete: "restrict" }),
  data: jsonb("data").notNull().$type<Record<string, unknown>>(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  updatedBy: text("updated_by")
    .notNull()
    .references(() => user.id, { onDelete: "restrict" }),
});

export const protocolChainState = pgEnum("protocol_chain_state", ["awaiting_signature", "confirmed"]);

/**
 * Where a prepared version stands: waiting for the sponsor's wallet, confirmed (its envelope is now in the log),
 * discarded by the sponsor, or superseded by a newer preparation of the same version.
 */
export const protocolPreparationState = pgEnum("protocol_preparation_state", ["awaiting_signature", "confirmed", "discarded", "superseded"]);

/**
 * A protocol version prepared for the sponsor's signature: the exact `protocol.version` envelope, whose leaf hash is
 * the protocolHash the wallet commits to. The envelope is not in the log yet: the leaf hash does not depend on the
 * log index, so confirmation appends this very envelope (and creates the protocol_version row) once the portal has
 * read the sponsor's transaction from the chain. Until then the sponsor may discard it or prepare another one; such
 * preparations stay here, closed, and never reach the log. At most one preparation per trial awaits a signature.
 */
export const protocolPreparation = pgTable(
  "protocol_preparation",
  {
    trialId: text("trial_id")
      .notNull()
      .references(() => trial.id, { onDelete: "restrict" }),
    /** The envelope's leaf hash (0x…): the protocolHash of registerTrial / amendProtocol. */
    leafHash: text("leaf_hash").notNull(),
    /** Also the envelope's body.version; a column so that the pending version is found without reading JSON. */
    version: integer("version").notNull(),
    envelope: jsonb("envelope").notNull().$type<EnvelopeOf<"protocol.version">>(),
    state: protocolPreparationState("state").notNull().default("awaiting_signature"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    createdBy: text("created_by")
      .notNull()
      .references(() => user.id, { onDelete: "restrict" }),
    /** When and by whom it stopped awaiting a signature (confirmed, discarded or superseded). */
    closedAt: timestamp("closed_at", { withTimezone: true }),
    closedBy: text("closed_by").references(() => user.id, { onDelete: "restrict" }),
  },
  (t) => [
    primaryKey({ columns: [t.trialId, t.leafHash] }),
    uniqueIndex("protocol_preparation_one_pending_uq")
      .on(t.trialId)
      .where(sql`${t.state} = 'awaiting_signature'`),
  ],
);

/**
 * A protocol version: the `protocol.version` record at log index `leafIndex` (its leaf hash is what the
 * sponsor's transaction commits to), and what the chain said about it once the portal read the receipt.
 */
export const protocolVersion = pgTable(
  "protocol_version",
  {
    trialId: text("trial_id")
      .notNull()
      .references(() => trial.id, { onDelete: "restrict" }),
    version: integer("version").notNull(),
    protocol: jsonb("protocol").notNull().$type<Record<string, unknown>>(),
    reason: text("reason"),
    leafIndex: bigint("leaf_index", { mode: "number" }).notNull(),
    leafHash: text("leaf_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    createdBy: text("created_by")
      .notNull()
      .references(() => user.id, { onDelete: "restrict" }),
    chainState: protocolChainState("chain_state").notNull().default("awaiting_signature"),
    txHash: text("tx_hash"),
    sender: text("sender"),
    blockNumber: bigint("block_number", { mode: "number" }),
    blockTimestamp: timestamp("block_timestamp", { withTimezone: true }),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.trialId, t.version] }), uniqueIndex("protocol_version_tx_uq").on(t.txHash)],
);

export const trialSite = pgTable(
  "trial_site",
  {
    trialId: text("trial_id")
      .notNull()
      .references(() => trial.id, { onDelete: "restrict" }),
    siteOrgId: text("site_org_id")
      .notNull()
      .references(() => organization.id, { onDelete: "restrict" }),
    leafIndex: bigint("leaf_index", { mode: "number" }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    createdBy: text("created_by")
      .notNull()
      .references(() => user.id, { onDelete: "restrict" }),
  },
  (t) => [primaryKey({ columns: [t.trialId, t.siteOrgId] }), index("trial_site_org_idx").on(t.siteOrgId)],
);

export const trialRegulator = pgTable(
  "trial_regulator",
  {
    trialId: text("trial_id")
      .notNull()
      .references(() => trial.id, { onDelete: "restrict" }),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "restrict" }),
    leafIndex: bigint("leaf_index", { mode: "number" }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    createdBy: text("created_by")
      .notNull()
      .references(() => user.id, { onDelete: "restrict" }),
  },
  (t) => [primaryKey({ columns: [t.trialId, t.userId] }), index("trial_regulator_user_idx").on(t.userId)],
);
