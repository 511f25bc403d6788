import { pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { user } from "./auth";

export const organizationKind = pgEnum("organization_kind", ["sponsor", "site", "regulator", "platform"]);

export const roleName = pgEnum("role_name", ["sponsor_admin", "investigator", "participant", "regulator", "platform_admin"]);

export const organization = pgTable("organization", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  kind: organizationKind("kind").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A user's role within one organization. A person may hold several memberships. */
export const membership = pgTable(
  "membership",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "restrict" }),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organization.id, { onDelete: "restrict" }),
    role: roleName("role").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    createdBy: text("created_by").references(() => user.id, { onDelete: "restrict" }),
  },
  (t) => [uniqueIndex("membership_user_org_role_uq").on(t.userId, t.organizationId, t.role)],
);
