/**
 * A sponsor takes a trial's anchoring away on chain (setAnchorer to another account): the anchorer raises an alarm
 * for that trial — seen by its sponsor admins, the platform admins and its assigned regulators, nobody else — stops
 * planning its checkpoints (they would revert) and goes on with the other trials. Setting the anchorer back
 * resolves the alarm and the waiting records are anchored. Real Hardhat node, fresh database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Address, Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { hardhatDevPrivateKey } from "@/lib/chain/local-node";
import { trialLedgerAbi } from "@/lib/chain/generated/trial-ledger";
import type { Database } from "@/lib/db/open";
import { anchoringAlarm, auditEvent, logEnvelope, membership, organization, trialRegulator, user } from "@/lib/db/schema";
import { appendRecords } from "@/lib/server/log/append-records";
import { freshDatabase } from "@/lib/testing/fresh-database";
import {
  chainTrialIdForTest,
  createTrialsForTest,
  minedOrThrow,
  registerTrialOnChainForTest,
  startTestLedger,
  type TestLedger,
} from "@/lib/testing/test-ledger";
import { viewerFor } from "@/lib/testing/viewer";
import { anchorOnce, type AnchorOnceOptions } from "./anchor-once";
import { anchorStatusOf } from "./anchor-status-of";
import { listAnchoringAlarms } from "./list-anchoring-alarms";
import { RegistrationCache } from "./plan-checkpoints";

let database: Database;
let drop: () => Promise<void>;
let ledger: TestLedger;
const anchorer = privateKeyToAccount(hardhatDevPrivateKey(0));
const elsewhere = privateKeyToAccount(hardhatDevPrivateKey(5)).address;
const [TAKEN, OTHER, IDLE] = ["TP-2032-0001", "TP-2032-0002", "TP-2032-0003"];
let trialIds: Record<string, string>;
let sponsorUserId: string;
// One worker's cache across its steps, as startAnchoringWorker keeps it.
const registrationCache = new RegistrationCache();

const ctx = (over: Partial<AnchorOnceOptions> = {}): AnchorOnceOptions => ({
  database,
  publicClient: ledger.client,
  account: anchorer,
  contract: ledger.contract,
  chainId: 31337,
  confirmations: 0,
  intervalMs: 0,
  pollingIntervalMs: 20,
  receiptTimeoutMs: 10_000,
  registrationCache,
  log: () => {},
  ...over,
});

let recordCounter = 0;
const appendTo = (logId: string, n: number) =>
  appendRecords(
    database,
    logId,
    Array.from({ length: n }, () => ({
      kind: "auth.signed_in" as const,
      actor: { role: "investigator" as const, id: `usr_w${String(++recordCounter).padStart(6, "0")}` },
      body: { method: "password" as const },
    })),
  );

async function setAnchorer(publicId: string, to: Address) {
  const hash = await ledger.sponsor.writeContract({
    address: ledger.contract,
    abi: trialLedgerAbi,
    functionName: "setAnchorer",
    args: [chainTrialIdForTest(ledger, publicId), to],
  });
  await minedOrThrow(ledger.client, hash, `setAnchorer ${publicId}`);
}

async function onChainSize(publicId: string): Promise<number> {
  const [size] = await ledger.client.readContract({
    address: ledger.contract,
    abi: trialLedgerAbi,
    functionName: "latestCheckpoint",
    args: [chainTrialIdForTest(ledger, publicId)],
  });
  return Number(size);
}

async function person(
  id: string,
  orgId: string,
  orgKind: "sponsor" | "regulator" | "platform" | "site",
  role: "sponsor_admin" | "regulator" | "platform_admin" | "participant",
) {
  await database
    .insert(organization)
    .values({ id: orgId, name: `Org ${orgId}`, kind: orgKind })
    .onConflictDoNothing();
  await database.insert(user).values({ id, name: `User ${id}`, email: `${id}@example.test`, emailVerified: true });
  await database.insert(membership).values({ id: `mem_${id}`, userId: id, organizationId: orgId, role });
  return viewerFor(database, id);
}

beforeAll(async () => {
  [{ database, drop }, ledger] = await Promise.all([freshDatabase(), startTestLedger()]);
  const created = await createTrialsForTest(database, [TAKEN, OTHER, IDLE]);
  sponsorUserId = created.sponsorUserId;
  trialIds = { [TAKEN]: created.trialIds[0]!, [OTHER]: created.trialIds[1]!, [IDLE]: created.trialIds[2]! };
  for (const t of [TAKEN, OTHER, IDLE]) {
    const [first] = await appendTo(t, 3);
    await registerTrialOnChainForTest(ledger, t, first!.leafHash as Hex, { database });
  }
});
afterAll(async () => {
  await Promise.all([drop?.(), ledger?.stop()]);
});

describe("watched anchorers", () => {
  it("a trial whose anchoring is taken away on chain raises an alarm and is left out; the other trials go on", async () => {
    const start = await anchorOnce(ctx());
    expect(start.batch?.checkpoints.map((c) => c.logId).sort()).toEqual([TAKEN, OTHER, IDLE]);

    await setAnchorer(TAKEN, elsewhere);
    await appendTo(TAKEN, 2);
    await appendTo(OTHER, 2);
    const nonce = await ledger.client.getTransactionCount({ address: anchorer.address });
    const step = await anchorOnce(ctx());

    expect(step.alarms.raised).toEqual([
      expect.objectContaining({ kind: "anchorer_changed", logId: TAKEN, trialId: trialIds[TAKEN], resolvedAt: null }),
    ]);
    const alarm = step.alarms.raised[0]!;
    expect(alarm.detail).toContain(`TrialLedger names ${elsewhere} as this trial's anchorer, not the portal's anchorer ${anchorer.address}`);
    expect(alarm.detail).toMatch(/changed it on chain in block \d+ \(transaction 0x[0-9a-f]{64}\)/);
    // The other trial is checkpointed; the taken one is not even tried (it would revert), and the step says why.
    expect(step.batch).toMatchObject({
      checkpoints: [expect.objectContaining({ logId: OTHER, treeSize: 5 })],
      result: { outcome: "confirmed" },
    });
    expect(step.skipped).toContainEqual({
      logId: TAKEN,
      alarm: true,
      reason: `checkpointed by another account (${elsewhere})`,
    });
    expect(await ledger.client.getTransactionCount({ address: anchorer.address })).toBe(nonce + 1);
    expect(await onChainSize(TAKEN)).toBe(3);
    expect(await anchorStatusOf(database, TAKEN, 4)).toEqual({ state: "awaiting_anchor" });

    // Through the audit path: an anchoring.alarm_raised record in the trial's own log and its audit row.
    const [audit] = await database.select().from(auditEvent).where(eq(auditEvent.kind, "anchoring.alarm_raised"));
    expect(audit).toMatchObject({
      trialId: trialIds[TAKEN],
      logId: TAKEN,
      logIndex: alarm.openedLogIndex,
      actorUserId: null,
    });
    const [envelope] = await database
      .select()
      .from(logEnvelope)
      .where(and(eq(logEnvelope.logId, TAKEN), eq(logEnvelope.idx, alarm.openedLogIndex!)));
    expect(envelope!.envelope).toMatchObject({
      kind: "anchoring.alarm_raised",
      actor: { role: "system", id: "sys_portal" },
      body: {
        alarmId: alarm.id,
        alarm: "anchorer_changed",
        chainId: 31337,
        anchorer: anchorer.address.toLowerCase(),
        onChainAnchorer: elsewhere.toLowerCase(),
      },
    });

    // Later steps keep it skipped without a second alarm or record.
    await appendTo(OTHER, 1);
    const later = await anchorOnce(ctx());
    expect(later.alarms).toEqual({ raised: [], resolved: [] });
    expect(later.batch?.checkpoints.map((c) => c.logId)).toEqual([OTHER]);
    expect(await database.select().from(anchoringAlarm)).toHaveLength(1);
  });

  it("shows the alarm to the trial's sponsor admins, platform admins and assigned regulators, and to no one else", async () => {
    const sponsor = await viewerFor(database, sponsorUserId);
    const admin = await person("usr_wadmin01", "org_wplatform", "platform", "platform_admin");
    const assigned = await person("usr_wreg0001", "org_wreg", "regulator", "regulator");
    const unassigned = await person("usr_wreg0002", "org_wreg", "regulator", "regulator");
    const otherSponsor = await person("usr_wspon002", "org_wspon2", "sponsor", "sponsor_admin");
    const participant = await person("usr_wppt0001", "org_wsite", "site", "participant");
    await database.insert(trialRegulator).values({ trialId: trialIds[TAKEN]!, userId: assigned.userId, leafIndex: 0, createdBy: sponsorUserId });

    const taken = [expect.objectContaining({ kind: "anchorer_changed", trialPublicId: TAKEN, resolvedAt: null })];
    expect(await listAnchoringAlarms(sponsor)).toEqual(taken);
    expect(await listAnchoringAlarms(sponsor, { trialId: trialIds[TAKEN] })).toEqual(taken);
    expect(await listAnchoringAlarms(sponsor, { trialId: trialIds[OTHER] })).toEqual([]);
    expect(await listAnchoringAlarms(admin)).toEqual(taken);
    expect(await listAnchoringAlarms(assigned)).toEqual(taken);
    expect(await listAnchoringAlarms(unassigned)).toEqual([]);
    expect(await listAnchoringAlarms(otherSponsor)).toEqual([]);
    await expect(listAnchoringAlarms(participant)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("the event watch raises the alarm of a trial with nothing waiting, at once", async () => {
    await setAnchorer(IDLE, elsewhere);
    const step = await anchorOnce(ctx());
    expect(step.alarms.raised).toEqual([expect.objectContaining({ kind: "anchorer_changed", logId: IDLE })]);
    // The alarm's own record now waits in that log, and stays waiting.
    expect(await anchorStatusOf(database, IDLE, 3)).toEqual({ state: "awaiting_anchor" });
    expect(await onChainSize(IDLE)).toBe(3);
  });

  it("setting the anchorer back resolves the alarm, and the waiting records are anchored", async () => {
    await setAnchorer(TAKEN, anchorer.address);
    const step = await anchorOnce(ctx());
    expect(step.alarms.resolved).toEqual([
      expect.objectContaining({
        kind: "anchorer_changed",
        logId: TAKEN,
        resolution: expect.stringMatching(/^TrialLedger names the portal's anchorer again \(block \d+/),
      }),
    ]);
    // 3 + 2 records, the alarm raised and the alarm resolved.
    expect(step.batch).toMatchObject({
      checkpoints: [expect.objectContaining({ logId: TAKEN, treeSize: 7 })],
      result: { outcome: "confirmed" },
    });
    expect(await onChainSize(TAKEN)).toBe(7);
    const [resolvedAudit] = await database.select().from(auditEvent).where(eq(auditEvent.kind, "anchoring.alarm_resolved"));
    expect(resolvedAudit).toMatchObject({ logId: TAKEN, logIndex: 6, trialId: trialIds[TAKEN] });
    const [envelope] = await database
      .select()
      .from(logEnvelope)
      .where(and(eq(logEnvelope.logId, TAKEN), eq(logEnvelope.idx, 6)));
    expect(envelope!.envelope).toMatchObject({
      kind: "anchoring.alarm_resolved",
      body: { alarm: "anchorer_changed", raised: { index: 5 } },
    });

    const sponsor = await viewerFor(database, sponsorUserId);
    expect(await listAnchoringAlarms(sponsor, { trialId: trialIds[TAKEN] })).toEqual([]);
    const admin = await viewerFor(database, "usr_wadmin01");
    expect(await listAnchoringAlarms(admin)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ trialPublicId: TAKEN, resolvedAt: expect.any(Date) }),
        expect.objectContaining({ trialPublicId: IDLE, resolvedAt: null }),
      ]),
    );
  });
});
