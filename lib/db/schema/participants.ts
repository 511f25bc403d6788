import { pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { user } from "./auth";
import { organization, roleName } from "./organizations";
import { trial } from "./trials";

/** Participants are known on records only by this pseudonymous id (ppt_…), never by name or email. */
export const participant = pgTable("participant", {
  id: text("id").primaryKey(),
  userId: text("user_id")
    .notNull()
    .unique()
    .references(() => user.id, { onDelete: "restrict" }),
  siteOrgId: text("site_org_id")
    .notNull()
    .references(() => organization.id, { onDelete: "restrict" }),
  trialId: text("trial_id").references(() => trial.id, { onDelete: "restrict" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const invitationStatus = pgEnum("invitation_status", ["pending", "accepted", "revoked"]);

/** One-time invitation. Only the SHA-256 of the token is stored, so a database reader cannot use a link. */
export const invitation = pgTable("invitation", {
  id: text("id").primaryKey(),
  tokenHash: text("token_hash").notNull().unique(),
  email: text("email").notNull(),
  role: roleName("role").notNull(),
  organizationId: text("organization_id")
    .notNull()
    .references(() => organization.id, { onDelete: "restrict" }),
  trialId: text("trial_id").references(() => trial.id, { onDelete: "restrict" }),
  status: invitationStatus("status").notNull().default("pending"),
  invitedBy: text("invited_by")
    .notNull()
    .references(() => user.id, { onDelete: "restrict" }),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  acceptedAt: timestamp("accepted_at", { withTimezone: true }),
  acceptedUserId: text("accepted_user_id").references(() => user.id, { onDelete: "restrict" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
