import { z } from "zod";

export const ZPassword = z.string({ error: "Password is required." }).min(12, "Use at least 12 characters.").max(128, "Use at most 128 characters.");

/** A participant is invited into one trial at one site: a (trial, site) the investigator is assigned to. */
export const ZCreateInvitationRequestSchema = z.object({
  email: z.email({ error: "Enter a valid email address." }).max(254),
  trialId: z.string({ error: "Choose the trial." }).min(1, "Choose the trial.").max(64),
  siteOrgId: z.string({ error: "Choose the site." }).min(1, "Choose the site.").max(64),
});
export type TCreateInvitationRequest = z.infer<typeof ZCreateInvitationRequestSchema>;

export const ZAcceptInvitationRequestSchema = z.object({
  name: z.string({ error: "Name is required." }).trim().min(1, "Name is required.").max(120, "Use at most 120 characters."),
  password: ZPassword,
});
export type TAcceptInvitationRequest = z.infer<typeof ZAcceptInvitationRequestSchema>;

/** Invitation tokens are 32 random bytes in base64url. */
export const ZInvitationToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "Malformed invitation link.");

export const ZInviteSiteInvestigatorRequestSchema = z.object({
  siteOrgId: z.string({ error: "Choose a site." }).min(1, "Choose a site.").max(64),
  email: z.email({ error: "Enter a valid email address." }).max(254),
});
export type TInviteSiteInvestigatorRequest = z.infer<typeof ZInviteSiteInvestigatorRequestSchema>;
