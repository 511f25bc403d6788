/** Where an outcome value was taken from (kept with the value: source data verification starts there). */
import { z } from "zod";

export const OUTCOME_SOURCES = ["crf", "ehr", "device"] as const;
export type OutcomeSource = (typeof OUTCOME_SOURCES)[number];
export const ZOutcomeSource = z.enum(OUTCOME_SOURCES, `Source must be one of: ${OUTCOME_SOURCES.join(", ")}`);

export const OUTCOME_SOURCE_LABEL: Record<OutcomeSource, string> = {
  crf: "Case report form",
  ehr: "Electronic health record",
  device: "Measuring device",
};
