/**
 * What traffic may cost on chain, against a real Hardhat node and a fresh database: a flood of failed sign-ins
 * (portal-log records appended the way the sign-in guard appends them) buys at most one portal checkpoint per
 * PORTAL_ANCHOR_INTERVAL_MS, and the daily gas budget stops every checkpoint transaction until the next UTC day,
 * with an alarm and nothing lost. Time is a simulated clock handed to the anchorer, never a sleep.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { hardhatDevPrivateKey } from "@/lib/chain/local-node";
import { trialLedgerAbi } from "@/lib/chain/generated/trial-ledger";
import { chainTrialId } from "@/lib/chain/trial-id";
import type { Database } from "@/lib/db/open";
import { anchorBatch, anchoringAlarm, auditEvent, checkpoint, log } from "@/lib/db/schema";
import { PORTAL_ACTOR } from "@/lib/server/audit/actor";
import { recordDomainChange } from "@/lib/server/audit/record-domain-change";
import { appendRecords } from "@/lib/server/log/append-records";
import { freshDatabase } from "@/lib/testing/fresh-database";
import { createTrialsForTest, registerTrialOnChainForTest, startTestLedger, type TestLedger } from "@/lib/testing/test-ledger";
import { anchorOnce, type AnchorOnceOptions } from "./anchor-once";
import { anchorStatusOf } from "./anchor-status-of";
import { ensurePortalLogRegistered } from "./ensure-portal-log-registered";

let database: Database;
let drop: () => Promise<void>;
let ledger: TestLedger;
const anchorer = privateKeyToAccount(hardhatDevPrivateKey(0));

/** The anchorer's clock in these tests: moved forward by hand, so an hour of traffic takes no hour. */
let simulatedMs = Date.now() + 60_000;
const simulatedClockForTest = () => new Date(simulatedMs);

function ctx(over: Partial<AnchorOnceOptions> = {}): AnchorOnceOptions {
  return {
    database,
    publicClient: ledger.client,
    account: anchorer,
    contract: ledger.contract,
    chainId: 31337,
    confirmations: 0,
    pollingIntervalMs: 20,
    receiptTimeoutMs: 10_000,
    log: () => {},
    clock: simulatedClockForTest,
    ...over,
  };
}

beforeAll(async () => {
  [{ database, drop }, ledger] = await Promise.all([freshDatabase(), startTestLedger()]);
});
afterAll(async () => {
  await Promise.all([drop?.(), ledger?.stop()]);
});

/** One failed sign-in's portal-log record and audit row, exactly as the sign-in guard writes them. */
async function failedSignIn(n: number): Promise<void> {
  await database.transaction(async (tx) => {
    await recordDomainChange(tx, PORTAL_ACTOR, {
      kind: "auth.sign_in_failed",
      body: { method: "password", reason: "bad_credentials" },
      details: { method: "password", attemptedEmail: `guess${n}@example.test`, reason: "Invalid email or password" },
      ipAddress: "203.0.113.7",
    });
  });
}

const anchorerNonce = () => ledger.client.getTransactionCount({ address: anchorer.address, blockTag: "latest" });

async function portalBatches() {
  return database
    .select({ id: anchorBatch.id, createdAt: anchorBatch.createdAt, status: anchorBatch.status })
    .from(anchorBatch)
    .innerJoin(checkpoint, eq(checkpoint.batchId, anchorBatch.id))
    .where(eq(checkpoint.logId, "portal"))
    .orderBy(asc(anchorBatch.createdAt));
}

async function logSize(logId: string): Promise<number> {
  const [row] = await database.select({ size: log.size }).from(log).where(eq(log.id, logId));
  return row?.size ?? 0;
}

describe("the portal log's cadence", () => {
  it("500 failed sign-ins over an hour buy at most ceil(60 min / 10 min) + 1 portal checkpoints, whatever ANCHOR_INTERVAL_MS and ANCHOR_MAX_LEAVES say", async () => {
    expect(await ensurePortalLogRegistered(ctx())).toMatchObject({ state: "registered" });
    const nonceBefore = await anchorerNonce();
    const periodMs = 60 * 60_000;
    const portalIntervalMs = 10 * 60_000;
    const stepMs = 15_000;
    const steps = periodMs / stepMs;
    // The most eager settings for everything else: any waiting record is due at once, 10 waiting records force a round.
    const eager = ctx({ intervalMs: 0, maxLeaves: 10, portalIntervalMs });

    // A step every 15 s from minute 0 to minute 60 inclusive; the 500 records arrive during the first 60 minutes.
    let appended = 0;
    for (let i = 0; i <= steps; i++) {
      const upTo = Math.min(500, Math.floor(((i + 1) * 500) / steps));
      while (appended < upTo) await failedSignIn(appended++);
      await anchorOnce(eager);
      if (i < steps) simulatedMs += stepMs;
    }
    expect(appended).toBe(500);
    expect(await logSize("portal")).toBe(500);

    const batches = await portalBatches();
    const transactions = (await anchorerNonce()) - nonceBefore;
    const bound = Math.ceil(periodMs / portalIntervalMs) + 1;
    console.log(`[figures] 500 failed sign-ins over 60 simulated minutes: ${transactions} checkpoint transactions (bound ${bound})`);
    expect(transactions).toBe(batches.length);
    expect(transactions).toBeLessThanOrEqual(bound);
    // Not vacuous: the portal log IS checkpointed, once per interval.
    expect(transactions).toBeGreaterThanOrEqual(bound - 1);
    for (let i = 1; i < batches.length; i++) {
      expect(batches[i]!.createdAt.getTime() - batches[i - 1]!.createdAt.getTime()).toBeGreaterThanOrEqual(portalIntervalMs);
    }
    const onChain = await ledger.client.getContractEvents({
      address: ledger.contract,
      abi: trialLedgerAbi,
      eventName: "Checkpointed",
      args: { trialId: chainTrialId(ledger.anchorer.account.address, "portal") },
      fromBlock: ledger.deployBlock,
    });
    expect(onChain).toHaveLength(batches.length);

    // Nothing is lost: the checkpoint at minute 60 covers every record of the flood.
    expect(await anchorStatusOf(database, "portal", 499)).toMatchObject({ state: "anchored", treeSize: 500 });

    // One more failed sign-in a minute later waits for the interval, however eager the other settings are.
    await failedSignIn(500);
    simulatedMs += 60_000;
    const waiting = await anchorOnce(eager);
    expect(waiting.batch).toBeNull();
    expect(waiting.skipped).toContainEqual({
      logId: "portal",
      reason: expect.stringMatching(/^the portal log is checkpointed at most every 10 min; next at /),
    });
    expect(await anchorStatusOf(database, "portal", 500)).toEqual({ state: "awaiting_anchor" });
    simulatedMs += portalIntervalMs - 60_000;
    const next = await anchorOnce(eager);
    expect(next.batch).toMatchObject({
      checkpoints: [expect.objectContaining({ logId: "portal", treeSize: 501 })],
      result: { outcome: "confirmed" },
    });
  });
});

describe("the daily gas budget", () => {
  let trialLog: string;
  const appendTo = (logId: string, n: number) =>
    appendRecords(
      database,
      logId,
      Array.from({ length: n }, (_, i) => ({
        kind: "auth.signed_in" as const,
        actor: { role: "investigator" as const, id: `usr_gas${String(i).padStart(5, "0")}` },
        body: { method: "password" as const },
      })),
    );

  beforeAll(async () => {
    // Ten trials checkpointed in one first batch: the later batches (one trial, perhaps the portal log) cost less.
    const trials = Array.from({ length: 10 }, (_, i) => `TP-2031-${String(i + 1).padStart(4, "0")}`);
    trialLog = trials[0]!;
    await createTrialsForTest(database, trials);
    for (const t of trials) {
      const [first] = await appendTo(t, 3);
      await registerTrialOnChainForTest(ledger, t, first!.leafHash as Hex, { database });
    }
    // A fresh simulated day, well after the portal's last checkpoint above.
    simulatedMs = Date.UTC(2031, 2, 4, 9, 0, 0);
  });

  it("stops sending once the day's receipts plus the next transaction would exceed it, raises one alarm, loses nothing, and resumes the next UTC day", async () => {
    const first = await anchorOnce(ctx({ intervalMs: 0, dailyGasBudget: 10_000_000 }));
    expect(first.batch?.result.outcome).toBe("confirmed");
    expect(first.batch!.checkpoints).toHaveLength(10);
    const [row] = await database.select({ gasUsed: anchorBatch.gasUsed }).from(anchorBatch).where(eq(anchorBatch.id, first.batch!.batchId));
    // Whatever the contract costs: this day's receipts use the budget up exactly, and a fresh day holds a smaller batch.
    const budget = row!.gasUsed!;
    const limited = (over: Partial<AnchorOnceOptions> = {}) => ctx({ intervalMs: 0, dailyGasBudget: budget, ...over });

    await appendTo(trialLog, 4);
    const nonce = await anchorerNonce();
    simulatedMs += 60 * 60_000;
    const stopped = await anchorOnce(limited());
    expect(stopped).toMatchObject({ batch: null, idle: "gas budget exhausted" });
    expect(stopped.alarms.raised).toEqual([
      expect.objectContaining({ kind: "gas_budget_exhausted", logId: "portal", trialId: null, resolvedAt: null }),
    ]);
    expect(stopped.alarms.raised[0]!.detail).toMatch(
      new RegExp(`used ${row!.gasUsed} gas on 2031-03-04 \\(UTC\\).*over the daily budget of ${budget}`),
    );
    expect(await anchorerNonce()).toBe(nonce);

    // The alarm went through the audit path: its record in the portal log, its audit row naming that record.
    const alarm = stopped.alarms.raised[0]!;
    const [audit] = await database
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.kind, "anchoring.alarm_raised"), eq(auditEvent.logId, "portal")));
    expect(audit).toMatchObject({
      logIndex: alarm.openedLogIndex,
      actorUserId: null,
      body: expect.objectContaining({ detail: alarm.detail }),
    });

    // Records keep being accepted and wait; later steps that day send nothing and do not raise the alarm again.
    await appendTo(trialLog, 2);
    for (const laterMs of [2, 8, 14.9]) {
      simulatedMs = Date.UTC(2031, 2, 4, 9, 0, 0) + laterMs * 3_600_000;
      const again = await anchorOnce(limited());
      expect(again).toMatchObject({ batch: null, idle: "gas budget exhausted", alarms: { raised: [], resolved: [] } });
    }
    expect(await anchorerNonce()).toBe(nonce);
    expect(await logSize(trialLog)).toBe(9);
    expect(await anchorStatusOf(database, trialLog, 8)).toEqual({ state: "awaiting_anchor" });
    const open = await database
      .select()
      .from(anchoringAlarm)
      .where(sql`${anchoringAlarm.resolvedAt} is null`);
    expect(open).toEqual([expect.objectContaining({ id: alarm.id, kind: "gas_budget_exhausted" })]);

    // 00:00:05 UTC the next day: the budget is renewed, the alarm resolved, and the waiting records anchored.
    simulatedMs = Date.UTC(2031, 2, 5, 0, 0, 5);
    const resumed = await anchorOnce(limited());
    expect(resumed.alarms.resolved).toEqual([
      expect.objectContaining({ id: alarm.id, resolution: "The daily gas budget renewed at 00:00 UTC on 2031-03-05." }),
    ]);
    expect(resumed.batch).toMatchObject({
      checkpoints: expect.arrayContaining([expect.objectContaining({ logId: trialLog, treeSize: 9 })]),
      result: { outcome: "confirmed" },
    });
    expect(await anchorerNonce()).toBe(nonce + 1);
    expect(await anchorStatusOf(database, trialLog, 8)).toMatchObject({ state: "anchored", treeSize: 9 });
    const [resolvedAudit] = await database.select().from(auditEvent).where(eq(auditEvent.kind, "anchoring.alarm_resolved"));
    expect(resolvedAudit).toMatchObject({ logId: "portal", logIndex: resumed.alarms.resolved[0]!.resolvedLogIndex });
  });
});
