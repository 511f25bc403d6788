/**
 * Anchoring alarms: the portal itself (actor "system") records that anchoring stopped for a reason people must act
 * on, and that it resumed. A trial's alarm goes into the trial's log, an alarm about the anchorer as a whole into
 * the portal log. Chain facts only: addresses, gas figures, no operational text (that stays in the audit row).
 */
import { z } from "zod";
import { ANCHORING_ALARM_KINDS } from "./anchoring-alarm-kinds";
import { entityId, leafRef, walletAddress } from "./common";

const alarm = z.enum(ANCHORING_ALARM_KINDS);

export const anchoringAlarmRaisedBody = z.strictObject({
  alarmId: entityId,
  alarm,
  chainId: z.int().positive(),
  /** The portal's anchorer address. */
  anchorer: walletAddress,
  /** anchorer_changed: the trial's anchorer on chain instead. */
  onChainAnchorer: walletAddress.optional(),
  /** gas_budget_exhausted: the daily budget and the gas already used that UTC day, in gas units. */
  gasBudget: z.int().min(0).optional(),
  gasUsed: z.int().min(0).optional(),
});

export const anchoringAlarmResolvedBody = z.strictObject({
  alarmId: entityId,
  alarm,
  /** The record that raised the alarm, in the same log. */
  raised: leafRef,
});
