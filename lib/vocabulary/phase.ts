/** Trial phase (WHO TRDS "Study type: phase"). */
import { z } from "zod";

export const PHASES = ["n/a", "early_phase_1", "phase_1", "phase_1_2", "phase_2", "phase_2_3", "phase_3", "phase_4"] as const;
export type Phase = (typeof PHASES)[number];
export const ZPhase = z.enum(PHASES, `Phase must be one of: ${PHASES.join(", ")}`);

export const PHASE_LABEL: Record<Phase, string> = {
  "n/a": "Not applicable",
  early_phase_1: "Early phase 1",
  phase_1: "Phase 1",
  phase_1_2: "Phase 1/2",
  phase_2: "Phase 2",
  phase_2_3: "Phase 2/3",
  phase_3: "Phase 3",
  phase_4: "Phase 4",
};

/** The label of a stored phase; a value outside the list (an old record) is shown as stored. */
export const phaseLabel = (phase: string | null | undefined): string => (phase ? (PHASE_LABEL[phase as Phase] ?? phase) : "—");
