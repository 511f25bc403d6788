import "server-only";
import { and, eq, inArray, isNotNull, ne, sql } from "drizzle-orm";
import { formatLog, numberToHex, type Address, type Hex, type RpcLog } from "viem";
import type { LedgerReader } from "@/lib/chain/ledger-reader";
import {
  decodeTrialLedgerLogs,
  eventsNamed,
  readTrialLedgerEvents,
  TRIAL_LEDGER_EVENT_NAMES,
  TRIAL_LEDGER_EVENT_SELECTORS,
  type TrialLedgerEventOf,
} from "@/lib/chain/trial-ledger-events";
import { log, protocolVersion, systemState } from "@/lib/db/schema";
import { PORTAL_LOG } from "@/lib/server/log/ensure-log";
import { openAnchoringAlarms, raiseAnchoringAlarm, resolveAnchoringAlarms, type AnchoringAlarmRow } from "./anchoring-alarms";
import type { ForeignAnchorer, RegistrationCache } from "./plan-checkpoints";
import type { AnchoringContext } from "./types";

/** Blocks per eth_getLogs: many providers refuse wider ranges. A long backlog is caught up over several steps. */
const MAX_BLOCKS_PER_SCAN = 5_000n;
const ANCHORER_CHANGED = TRIAL_LEDGER_EVENT_SELECTORS[TRIAL_LEDGER_EVENT_NAMES.indexOf("AnchorerChanged")]!;

type AnchorerChanged = TrialLedgerEventOf<"AnchorerChanged">;

export interface AlarmChanges {
  raised: AnchoringAlarmRow[];
  resolved: AnchoringAlarmRow[];
}

const readerOf = (ctx: AnchoringContext): LedgerReader => ({ client: ctx.publicClient, contract: ctx.contract });

function takenAwayDetail(ctx: AnchoringContext, onChain: Address, event?: Pick<AnchorerChanged, "blockNumber" | "transactionHash">): string {
  const how = event
    ? `The trial's sponsor account changed it on chain in block ${event.blockNumber} (transaction ${event.transactionHash}).`
    : "It was registered on chain that way.";
  return (
    `TrialLedger names ${onChain} as this trial's anchorer, not the portal's anchorer ${ctx.account.address}. ${how} ` +
    `The portal cannot checkpoint this trial any more: its records are kept and stay "awaiting anchor". ` +
    `To resume, the sponsor sets the anchorer back to ${ctx.account.address} (setAnchorer).`
  );
}

async function raiseTakenAway(
  ctx: AnchoringContext,
  logId: string,
  onChain: Address,
  at: Date,
  event?: AnchorerChanged,
): Promise<AnchoringAlarmRow | null> {
  return raiseAnchoringAlarm(ctx, {
    kind: "anchorer_changed",
    logId,
    onChainAnchorer: onChain,
    at,
    detail: takenAwayDetail(ctx, onChain, event),
  });
}

const cursorKey = (ctx: AnchoringContext) => `anchorer-watch:${ctx.chainId}:${ctx.contract}:${ctx.account.address}`;

/**
 * Where the scan starts the first time: the block of the earliest protocol registration the portal confirmed
 * (nothing of its trials can have changed before), else the current head (the plan still reads the anchorer of
 * every trial it would checkpoint, so a change made before that is raised by `reconcilePlannedAnchorers`).
 */
async function initialCursor(ctx: AnchoringContext, head: bigint): Promise<bigint> {
  const [row] = await ctx.database
    .select({ first: sql<string | null>`min(${protocolVersion.blockNumber})` })
    .from(protocolVersion)
    .where(and(isNotNull(protocolVersion.txHash), isNotNull(protocolVersion.blockNumber)));
  return row?.first != null ? BigInt(row.first) - 1n : head;
}

/**
 * Watches TrialLedger's AnchorerChanged events of the trials this portal anchors, from where the last scan stopped
 * (kept in system_state) to `confirmations` blocks below the head: a trial whose anchorer becomes another account
 * gets an `anchorer_changed` alarm at once (even with no record waiting), one whose anchorer becomes this anchorer
 * again has its alarm resolved and is planned again at the next step.
 */
export async function watchAnchorerChanges(ctx: AnchoringContext, at: Date, cache?: RegistrationCache): Promise<AlarmChanges> {
  const changes: AlarmChanges = { raised: [], resolved: [] };
  const head = (await ctx.publicClient.getBlockNumber({ cacheTime: 0 })) - BigInt(ctx.confirmations ?? 0);
  const key = cursorKey(ctx);
  const [stored] = await ctx.database.select({ value: systemState.value }).from(systemState).where(eq(systemState.key, key));
  const scannedTo = stored ? BigInt((stored.value as { scannedTo: string }).scannedTo) : await initialCursor(ctx, head);
  if (head <= scannedTo) {
    if (!stored) await saveCursor(ctx, key, scannedTo);
    return changes;
  }
  const to = head < scannedTo + MAX_BLOCKS_PER_SCAN ? head : scannedTo + MAX_BLOCKS_PER_SCAN;
  const logs = (await ctx.publicClient.request({
    method: "eth_getLogs",
    params: [
      {
        address: ctx.contract,
        topics: [ANCHORER_CHANGED],
        fromBlock: numberToHex(scannedTo + 1n),
        toBlock: numberToHex(to),
      },
    ],
  })) as RpcLog[];
  const events = eventsNamed(
    decodeTrialLedgerLogs(
      logs.map((l) => formatLog(l)),
      { contract: ctx.contract },
    ),
    "AnchorerChanged",
  );

  // The latest change of each trial counts; only trials with a log here are this portal's.
  const latest = new Map(events.map((e) => [e.trialId, e]));
  const ids = [...latest.keys()];
  const logsHere = ids.length
    ? await ctx.database
        .select({ id: log.id, chainTrialId: log.chainTrialId })
        .from(log)
        .where(and(inArray(log.chainTrialId, ids), ne(log.id, PORTAL_LOG)))
    : [];
  for (const { id, chainTrialId } of logsHere) {
    if (!chainTrialId) continue; // unreachable: inArray matched it
    const event = latest.get(chainTrialId.toLowerCase() as Hex)!;
    if (event.anchorer === ctx.account.address) {
      cache?.forget(chainTrialId);
      const text = `TrialLedger names the portal's anchorer again (block ${event.blockNumber}, transaction ${event.transactionHash}).`;
      changes.resolved.push(...(await resolveAnchoringAlarms(ctx, "anchorer_changed", [id], { at, text })));
    } else {
      const raised = await raiseTakenAway(ctx, id, event.anchorer, at, event);
      if (raised) changes.raised.push(raised);
    }
  }
  await saveCursor(ctx, key, to);
  return changes;
}

async function saveCursor(ctx: AnchoringContext, key: string, scannedTo: bigint): Promise<void> {
  const value = { scannedTo: scannedTo.toString() };
  await ctx.database
    .insert(systemState)
    .values({ key, value })
    .onConflictDoUpdate({ target: systemState.key, set: { value, updatedAt: new Date() } });
}

/**
 * What a plan's chain read found: trial logs registered with another anchorer get their alarm (with the change
 * that did it, from the trial's events), logs registered with this anchorer have theirs resolved. Catches what the
 * event watch cannot have seen (a change before the watch first ran, a trial registered with another anchorer).
 */
export async function reconcilePlannedAnchorers(
  ctx: AnchoringContext,
  at: Date,
  plan: { foreign: ForeignAnchorer[]; ours: string[] },
): Promise<AlarmChanges> {
  const changes: AlarmChanges = { raised: [], resolved: [] };
  const open = new Set(
    (
      await openAnchoringAlarms(
        ctx,
        "anchorer_changed",
        plan.foreign.map((f) => f.logId),
      )
    ).map((a) => a.logId),
  );
  for (const f of plan.foreign) {
    if (open.has(f.logId)) continue;
    const events = eventsNamed(await readTrialLedgerEvents(readerOf(ctx), f.chainTrialId), "AnchorerChanged");
    const raised = await raiseTakenAway(ctx, f.logId, f.anchorer, at, events.at(-1));
    if (raised) changes.raised.push(raised);
  }
  const text = "TrialLedger names the portal's anchorer again.";
  changes.resolved.push(...(await resolveAnchoringAlarms(ctx, "anchorer_changed", plan.ours, { at, text })));
  return changes;
}
