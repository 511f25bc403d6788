/** How an investigator established who signed before countersigning (the consent.countersigned record names it). */
import { z } from "zod";
import { IDENTITY_CHECKS } from "../integrity/kinds/consent-lists";

export { IDENTITY_CHECKS };
export type IdentityCheck = (typeof IDENTITY_CHECKS)[number];
export const ZIdentityCheck = z.enum(IDENTITY_CHECKS, `Identity check must be one of: ${IDENTITY_CHECKS.join(", ")}`);

export const IDENTITY_CHECK_LABEL: Record<IdentityCheck, string> = {
  in_person_id: "Photo ID checked in person",
  video_call: "Identity checked on a video call",
  other: "Other (described)",
};
