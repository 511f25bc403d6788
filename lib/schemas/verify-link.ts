import { z } from "zod";
import { hash32, trialRef } from "@/lib/integrity/kinds/common";

/**
 * The record a link to /verify names (the QR code of a consent copy): its log, index and leaf hash. The receipt itself
 * is not in the link; the verifier compares the receipt it is given with the record the link names.
 */
export const ZVerifyLinkQuerySchema = z.object({
  log: trialRef,
  index: z.coerce.number().int().min(0),
  leaf: hash32,
});
export type TVerifyLink = z.infer<typeof ZVerifyLinkQuerySchema>;
