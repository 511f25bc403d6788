import { z } from "zod";
import { ZConsentSignatureId } from "./consent";

/** Path parameters of a route about one signed consent. */
export const ZConsentRefParamsSchema = z.strictObject({ signatureId: ZConsentSignatureId });

/** Who may read one consent's exports: the participant, the site's assigned investigators, the sponsor's admins. */
export const CONSENT_READER_ROLES = ["participant", "investigator", "sponsor_admin"] as const;
