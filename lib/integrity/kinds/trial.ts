/** Trial organisation records: which sites run the trial and which regulators audit it. */
import { z } from "zod";
import { entityId } from "./common";

export const trialSiteAddedBody = z.strictObject({
  siteId: entityId,
  /** Institution name (an organisation, not a person). */
  name: z.string().min(1).max(200),
  /** ISO 3166-1 alpha-2 country code. */
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, "expected an ISO 3166-1 alpha-2 country code")
    .optional(),
});

export const trialRegulatorAssignedBody = z.strictObject({
  /** The regulator's user id. */
  regulatorId: entityId,
  /** The authority they act for, e.g. "EMA". */
  authority: z.string().min(1).max(200).optional(),
});
