/**
 * Anchoring alarms (lib/integrity/kinds/anchoring.ts): why the portal stopped checkpointing a trial, or all trials,
 * until someone acts. Shown to platform admins and, for a trial's alarm, to its sponsor admins and regulators.
 */
import { z } from "zod";
import { ANCHORING_ALARM_KINDS } from "../integrity/kinds/anchoring-alarm-kinds";

export { ANCHORING_ALARM_KINDS };
export type AnchoringAlarmKind = (typeof ANCHORING_ALARM_KINDS)[number];
export const ZAnchoringAlarmKind = z.enum(ANCHORING_ALARM_KINDS);

export const ANCHORING_ALARM_KIND_LABEL: Record<AnchoringAlarmKind, string> = {
  gas_budget_exhausted: "Daily gas budget exhausted",
  anchorer_changed: "Anchoring taken away on chain",
};
