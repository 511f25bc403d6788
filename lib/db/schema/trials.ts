import { index, integer, pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { user } from "./auth";
import { organization } from "./organizations";
import { TRIAL_STATUSES } from "../../vocabulary/trial-status";

/** lib/vocabulary/trial-status.ts: the sponsor's workflow before registration, the recruitment status after. */
export const trialStatus = pgEnum("trial_status", TRIAL_STATUSES);

export const trial = pgTable(
  "trial",
  {
    id: text("id").primaryKey(),
    /** Public id, e.g. TP-2026-0001; the on-chain id is derived from it. */
    publicId: text("public_id").notNull().unique(),
    title: text("title").notNull(),
    sponsorOrgId: text("sponsor_org_id")
      .notNull()
      .references(() => organization.id, { onDelete: "restrict" }),
    status: trialStatus("status").notNull().default("draft"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    createdBy: text("created_by")
      .notNull()
      .references(() => user.id, { onDelete: "restrict" }),
    // Registry columns, copied from the current confirmed protocol version when it is confirmed on chain.
    /** Confirmed on chain (version 1); null for drafts and trials awaiting the sponsor's signature. */
    registeredAt: timestamp("registered_at", { withTimezone: true }),
    currentVersion: integer("current_version"),
    phase: text("phase"),
    conditions: text("conditions"),
    interventions: text("interventions"),
    countries: text("countries").array(),
    sponsorName: text("sponsor_name"),
    /** lower(public id, title, conditions, interventions, sponsor): the registry's free-text search. */
    searchText: text("search_text"),
  },
  (t) => [
    index("trial_registry_idx").on(t.registeredAt, t.id),
    index("trial_registry_status_idx").on(t.status, t.registeredAt),
    index("trial_registry_phase_idx").on(t.phase, t.registeredAt),
    index("trial_countries_gin").using("gin", t.countries),
    index("trial_sponsor_org_idx").on(t.sponsorOrgId),
  ],
);
