import { z } from "zod";

export const ROLES = ["sponsor_admin", "investigator", "participant", "regulator", "platform_admin"] as const;
export const ZRole = z.enum(ROLES);
export type Role = z.infer<typeof ZRole>;

export const ROLE_LABEL: Record<Role, string> = {
  sponsor_admin: "Sponsor admin",
  investigator: "Site investigator",
  participant: "Participant",
  regulator: "Regulator",
  platform_admin: "Platform admin",
};

/** The page each role lands on after sign-in. */
export const ROLE_HOME: Record<Role, string> = {
  sponsor_admin: "/sponsor",
  investigator: "/site",
  participant: "/participant",
  regulator: "/regulator",
  platform_admin: "/admin",
};

/** Which organization kind a role belongs to. */
export const ROLE_ORG_KIND: Record<Role, "sponsor" | "site" | "regulator" | "platform"> = {
  sponsor_admin: "sponsor",
  investigator: "site",
  participant: "site",
  regulator: "regulator",
  platform_admin: "platform",
};
