/**
 * The choices of the registry's search form. They come from the same lists the registry's query schema accepts
 * (lib/schemas/registry.ts), so every choice the page offers is a valid filter.
 */
import { PHASE_LABEL, PHASES } from "@/lib/vocabulary/phase";
import { RECRUITMENT_STATUS_LABEL, RECRUITMENT_STATUSES } from "@/lib/vocabulary/recruitment-status";

export const REGISTRY_STATUS_OPTIONS = RECRUITMENT_STATUSES.map((value) => ({
  value,
  label: RECRUITMENT_STATUS_LABEL[value],
}));
export const REGISTRY_PHASE_OPTIONS = PHASES.map((value) => ({ value, label: PHASE_LABEL[value] }));
