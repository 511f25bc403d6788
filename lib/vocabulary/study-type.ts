/** Study type (WHO TRDS "Study type"). */
import { z } from "zod";

export const STUDY_TYPES = ["interventional", "observational"] as const;
export type StudyType = (typeof STUDY_TYPES)[number];
export const ZStudyType = z.enum(STUDY_TYPES, `Study type must be one of: ${STUDY_TYPES.join(", ")}`);

export const STUDY_TYPE_LABEL: Record<StudyType, string> = {
  interventional: "Interventional",
  observational: "Observational",
};
