import { pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { user } from "./auth";
import { organization } from "./organizations";

export const trialStatus = pgEnum("trial_status", [
  "draft",
  "awaiting_signature",
  "registered",
  "recruiting",
  "active",
  "completed",
  "terminated",
  "withdrawn",
]);

export const trial = pgTable("trial", {
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
});
