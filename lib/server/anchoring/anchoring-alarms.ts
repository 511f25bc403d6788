import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { anchoringAlarm, logLeaf, trial } from "@/lib/db/schema";
import type { Tx } from "@/lib/db/client";
import { bytesToHex } from "@/lib/integrity";
import { PORTAL_ACTOR } from "@/lib/server/audit/actor";
import { recordDomainChange } from "@/lib/server/audit/record-domain-change";
import { ensureLog, PORTAL_LOG } from "@/lib/server/log/ensure-log";
import type { AnchoringAlarmKind } from "@/lib/vocabulary/anchoring-alarm";
import type { AnchoringContext } from "./types";

export type AnchoringAlarmRow = typeof anchoringAlarm.$inferSelect;

export interface AlarmToRaise {
  kind: AnchoringAlarmKind;
  /** The trial's log (its public id), or the portal log for an alarm about the anchorer as a whole. */
  logId: string;
  /** What happened and what to do, in words (audit row and alarm row; never the log). */
  detail: string;
  at: Date;
  /** anchorer_changed: the trial's anchorer on chain. */
  onChainAnchorer?: string;
  /** gas_budget_exhausted: the day's budget and the gas used so far. */
  gas?: { budget: number; used: number };
}

/** This anchorer's alarms on this chain and contract (open ones unless told otherwise). */
function ofThisAnchorer(ctx: AnchoringContext, kind: AnchoringAlarmKind) {
  return and(
    eq(anchoringAlarm.kind, kind),
    eq(anchoringAlarm.chainId, ctx.chainId),
    eq(anchoringAlarm.contract, ctx.contract),
    eq(anchoringAlarm.anchorer, ctx.account.address),
    isNull(anchoringAlarm.resolvedAt),
  );
}

async function trialOfLog(tx: Tx, logId: string): Promise<{ id: string; publicId: string } | null> {
  if (logId === PORTAL_LOG) return null;
  const [row] = await tx.select({ id: trial.id, publicId: trial.publicId }).from(trial).where(eq(trial.publicId, logId));
  if (!row) throw new Error(`no trial with public id ${logId}`);
  return row;
}

/**
 * Opens an alarm unless the same one (kind, anchorer, log) is already open, with its `anchoring.alarm_raised` record
 * and audit row, in one transaction. Returns the new alarm, or null when it was open already: every worker step may
 * call this; two workers raising it at once open it once (the second insert waits on the unique index, then skips).
 */
export async function raiseAnchoringAlarm(ctx: AnchoringContext, alarm: AlarmToRaise): Promise<AnchoringAlarmRow | null> {
  return ctx.database.transaction(async (tx) => {
    const trialRow = await trialOfLog(tx, alarm.logId);
    // The portal log may hold no record yet; the alarm row names its log.
    await ensureLog(tx, alarm.logId);
    const [inserted] = await tx
      .insert(anchoringAlarm)
      .values({
        id: `alm_${randomBytes(10).toString("hex")}`,
        kind: alarm.kind,
        chainId: ctx.chainId,
        contract: ctx.contract,
        anchorer: ctx.account.address,
        trialId: trialRow?.id ?? null,
        logId: alarm.logId,
        detail: alarm.detail,
        openedAt: alarm.at,
      })
      .onConflictDoNothing()
      .returning();
    if (!inserted) return null;
    const record = await recordDomainChange(tx, PORTAL_ACTOR, {
      kind: "anchoring.alarm_raised",
      trial: trialRow,
      body: {
        alarmId: inserted.id,
        alarm: alarm.kind,
        chainId: ctx.chainId,
        anchorer: ctx.account.address.toLowerCase(),
        ...(alarm.onChainAnchorer ? { onChainAnchorer: alarm.onChainAnchorer.toLowerCase() } : {}),
        ...(alarm.gas ? { gasBudget: alarm.gas.budget, gasUsed: alarm.gas.used } : {}),
      },
      details: { detail: alarm.detail, contract: ctx.contract },
    });
    await tx.update(anchoringAlarm).set({ openedLogIndex: record.index }).where(eq(anchoringAlarm.id, inserted.id));
    return { ...inserted, openedLogIndex: record.index };
  });
}

/**
 * Closes open alarms of this kind for `logIds`, each with its `anchoring.alarm_resolved` record (pointing at the
 * record that raised it) and audit row. Returns the alarms closed by this call; an alarm already closed is skipped.
 */
export async function resolveAnchoringAlarms(
  ctx: AnchoringContext,
  kind: AnchoringAlarmKind,
  logIds: readonly string[],
  resolution: { at: Date; text: string },
): Promise<AnchoringAlarmRow[]> {
  if (logIds.length === 0) return [];
  const open = await ctx.database
    .select({ id: anchoringAlarm.id })
    .from(anchoringAlarm)
    .where(and(ofThisAnchorer(ctx, kind), inArray(anchoringAlarm.logId, [...logIds])));
  const closed: AnchoringAlarmRow[] = [];
  for (const { id } of open) {
    const row = await ctx.database.transaction(async (tx) => {
      const [alarm] = await tx
        .update(anchoringAlarm)
        .set({ resolvedAt: resolution.at, resolution: resolution.text })
        .where(and(eq(anchoringAlarm.id, id), isNull(anchoringAlarm.resolvedAt)))
        .returning();
      if (!alarm) return null;
      const [raised] = await tx
        .select({ leafHash: logLeaf.leafHash })
        .from(logLeaf)
        .where(and(eq(logLeaf.logId, alarm.logId), eq(logLeaf.idx, alarm.openedLogIndex ?? -1)));
      if (!raised) throw new Error(`alarm ${alarm.id} names no record of log ${alarm.logId}`);
      const record = await recordDomainChange(tx, PORTAL_ACTOR, {
        kind: "anchoring.alarm_resolved",
        trial: await trialOfLog(tx, alarm.logId),
        body: {
          alarmId: alarm.id,
          alarm: alarm.kind,
          raised: { index: alarm.openedLogIndex!, leafHash: bytesToHex(raised.leafHash) },
        },
        details: { resolution: resolution.text, contract: ctx.contract },
      });
      await tx.update(anchoringAlarm).set({ resolvedLogIndex: record.index }).where(eq(anchoringAlarm.id, alarm.id));
      return { ...alarm, resolvedLogIndex: record.index };
    });
    if (row) closed.push(row);
  }
  return closed;
}

/** Open alarms of this kind of this anchorer, optionally only for `logIds`. */
export async function openAnchoringAlarms(ctx: AnchoringContext, kind: AnchoringAlarmKind, logIds?: readonly string[]): Promise<AnchoringAlarmRow[]> {
  if (logIds && logIds.length === 0) return [];
  return ctx.database
    .select()
    .from(anchoringAlarm)
    .where(and(ofThisAnchorer(ctx, kind), logIds ? inArray(anchoringAlarm.logId, [...logIds]) : undefined));
}
