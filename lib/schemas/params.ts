/**
 * Path parameters of the portal's dynamic routes, shared by the route handler (`handleRoute({ params })`) and the
 * page of the same path. Segments arrive as text; a schema that needs a number turns the text into one only after
 * checking it is a plain whole number, so "1e3", "0x10", " 7" or 400 digits never reach a query.
 * The log and record references (`/api/logs/[logId]/…`) are in ./records.
 */
import { z } from "zod";
import { TRIAL_PUBLIC_ID_PATTERN } from "@/lib/integrity/kinds/common";
import { ZInvitationToken } from "./invitations";

export const ZTrialPublicId = z
  .string()
  .max(32, "is too long for a public trial id")
  .regex(TRIAL_PUBLIC_ID_PATTERN, "must be a public trial id such as TP-2026-0001");

/** Internal trial ids are `tri_` and 4–64 letters or digits (lib/server/ids.ts makes 24 hex digits). */
export const ZTrialId = z
  .string()
  .max(68, "is too long for a trial id")
  .regex(/^tri_[A-Za-z0-9]{4,64}$/, "must be a trial id such as tri_0123abcd");

/** A protocol version as written in a URL: 1, 2, 3, … without leading zeros, below a billion. */
export const ZProtocolVersionNumber = z
  .string()
  .regex(/^[1-9][0-9]{0,8}$/, "must be a whole number ≥ 1 (1, 2, 3, …)")
  .transform(Number);

export const ZSponsorTrialParamsSchema = z.strictObject({ trialId: ZTrialId });
export type TSponsorTrialParams = z.infer<typeof ZSponsorTrialParamsSchema>;

export const ZPublicTrialParamsSchema = z.strictObject({ publicId: ZTrialPublicId });
export type TPublicTrialParams = z.infer<typeof ZPublicTrialParamsSchema>;

export const ZProtocolVersionParamsSchema = z.strictObject({
  publicId: ZTrialPublicId,
  version: ZProtocolVersionNumber,
});
export type TProtocolVersionParams = z.infer<typeof ZProtocolVersionParamsSchema>;

export const ZInvitationParamsSchema = z.strictObject({ token: ZInvitationToken });
export type TInvitationParams = z.infer<typeof ZInvitationParamsSchema>;
