import "server-only";
import { PORTAL_LOG } from "@/lib/server/log/ensure-log";
import { openAnchoringAlarms, raiseAnchoringAlarm, resolveAnchoringAlarms, type AnchoringAlarmRow } from "./anchoring-alarms";
import { utcDayOf } from "./anchoring-time";
import type { OverBudget } from "./sign-and-store-batch";
import type { AnchoringContext } from "./types";

/**
 * The daily gas budget's alarm (ANCHOR_DAILY_GAS_BUDGET): about the anchorer as a whole, so it is recorded in the
 * portal log and shown to platform admins. Nothing is lost while it is open: records are appended as always and
 * wait "awaiting anchor" until the next UTC day (or a larger budget) lets checkpoints through again.
 */
export async function raiseGasBudgetAlarm(ctx: AnchoringContext, over: OverBudget, at: Date): Promise<AnchoringAlarmRow | null> {
  const detail =
    `Checkpoint transactions of ${ctx.account.address} used ${over.used} gas on ${over.day} (UTC); the next one may use up to ` +
    `${over.needed}, over the daily budget of ${over.budget} (ANCHOR_DAILY_GAS_BUDGET). No checkpoint is sent until 00:00 UTC ` +
    `or until the budget is raised; records are still accepted and stay "awaiting anchor".`;
  return raiseAnchoringAlarm(ctx, {
    kind: "gas_budget_exhausted",
    logId: PORTAL_LOG,
    detail,
    at,
    gas: { budget: over.budget, used: over.used },
  });
}

/**
 * Resolves the open gas-budget alarm once checkpoints may go out again: a new UTC day began since it was raised, or
 * (`fitted`) a batch was just stored within the budget (e.g. after the budget was raised).
 */
export async function resolveGasBudgetAlarm(ctx: AnchoringContext, at: Date, fitted: boolean): Promise<AnchoringAlarmRow[]> {
  const today = utcDayOf(at).date;
  const open = await openAnchoringAlarms(ctx, "gas_budget_exhausted", [PORTAL_LOG]);
  const renewed = open.filter((a) => fitted || utcDayOf(a.openedAt).date < today);
  if (renewed.length === 0) return [];
  const text = fitted ? "A checkpoint fitted within the daily gas budget again." : `The daily gas budget renewed at 00:00 UTC on ${today}.`;
  return resolveAnchoringAlarms(ctx, "gas_budget_exhausted", [PORTAL_LOG], { at, text });
}
