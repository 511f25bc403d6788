import { foreignKey, index, pgEnum, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { user } from "./auth";
import { organization, roleName } from "./organizations";
import { trialSite } from "./protocols";
import { trial } from "./trials";

/**
 * A participant's enrolment in one trial at one site. Participants are known on records only by this pseudonymous
 * id (ppt_…), never by name or email. The (trial, site) pair must be a site of the trial: the investigators assigned
 * there are the only site staff who see the pseudonym.
 */
export const participant = pgTable(
  "participant",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .unique()
      .references(() => user.id, { onDelete: "restrict" }),
    siteOrgId: text("site_org_id")
      .notNull()
      .references(() => organization.id, { onDelete: "restrict" }),
    trialId: text("trial_id")
      .notNull()
      .references(() => trial.id, { onDelete: "restrict" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: "participant_trial_site_fk",
      columns: [t.trialId, t.siteOrgId],
      foreignColumns: [trialSite.trialId, trialSite.siteOrgId],
    }).onDelete("restrict"),
    index("participant_trial_site_idx").on(t.trialId, t.siteOrgId),
  ],
);

/**
 * An investigator's assignment to one trial at one site, made when they accept the sponsor's invitation for that
 * trial. Everything an investigator sees or does at a site (roster, participant invitations) is limited to the
 * trials they are assigned to there: a site organization shared by several sponsors' trials is not one roster.
 */
export const trialSiteInvestigator = pgTable(
  "trial_site_investigator",
  {
    trialId: text("trial_id").notNull(),
    siteOrgId: text("site_org_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "restrict" }),
    /** The sponsor's invitation that made the assignment (null for assignments seeded with the demo). */
    invitationId: text("invitation_id").references(() => invitation.id, { onDelete: "restrict" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    createdBy: text("created_by")
      .notNull()
      .references(() => user.id, { onDelete: "restrict" }),
  },
  (t) => [
    primaryKey({ columns: [t.trialId, t.siteOrgId, t.userId] }),
    foreignKey({
      name: "trial_site_investigator_trial_site_fk",
      columns: [t.trialId, t.siteOrgId],
      foreignColumns: [trialSite.trialId, trialSite.siteOrgId],
    }).onDelete("restrict"),
    index("trial_site_investigator_user_idx").on(t.userId),
  ],
);

export const invitationStatus = pgEnum("invitation_status", ["pending", "accepted", "revoked"]);

/**
 * One-time invitation. Only the SHA-256 of the token is stored, so a database reader cannot use a link. Participant
 * and investigator invitations name the trial and the site (a site of that trial); invitations written before
 * participant invitations named a trial may lack it, and are refused when accepted.
 */
export const invitation = pgTable(
  "invitation",
  {
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
  },
  (t) => [
    foreignKey({
      name: "invitation_trial_site_fk",
      columns: [t.trialId, t.organizationId],
      foreignColumns: [trialSite.trialId, trialSite.siteOrgId],
    }).onDelete("restrict"),
    index("invitation_trial_site_idx").on(t.trialId, t.organizationId),
  ],
);
