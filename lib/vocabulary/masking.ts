/** Masking (blinding) of a study (WHO TRDS "Study type: masking"). */
import { z } from "zod";

export const MASKINGS = ["none", "single", "double", "triple", "quadruple"] as const;
export type Masking = (typeof MASKINGS)[number];
export const ZMasking = z.enum(MASKINGS, `Masking must be one of: ${MASKINGS.join(", ")}`);

export const MASKING_LABEL: Record<Masking, string> = {
  none: "None (open label)",
  single: "Single",
  double: "Double",
  triple: "Triple",
  quadruple: "Quadruple",
};
