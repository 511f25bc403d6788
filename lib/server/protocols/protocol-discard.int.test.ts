// A sponsor who prepared the wrong version is never stuck: prepare → discard → prepare → sign → confirm. The log holds
// exactly the confirmed versions in order; a discarded version reaches neither the log nor (through the portal) the
// chain; confirming a discarded one is refused in words; a version the chain already holds cannot be discarded; and
// only the trial's own sponsor admins can discard.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq } from "drizzle-orm";
import { keccak256, toHex, type Hex } from "viem";
import { canonicalize, leafHash } from "@/lib/integrity";
import type { Database } from "@/lib/db/open";
import { auditEvent, logEnvelope } from "@/lib/db/schema";
import { trialLedgerAbi } from "@/lib/chain/generated/trial-ledger";
import { ZDiscardPendingVersionRequestSchema } from "@/lib/schemas/protocol";
import type { Viewer } from "@/lib/server/auth/viewer";
import { chainTrialIdForTest, type TestLedger } from "@/lib/testing/test-ledger";
import { amendProtocol } from "./amend-protocol";
import { confirmProtocolOnChain } from "./confirm-protocol-on-chain";
import { createTrial } from "./create-trial";
import { discardPendingVersion } from "./discard-pending-version";
import { getPublicTrial } from "./get-public-trial";
import { getSponsorTrial } from "./get-sponsor-trial";
import { completeProtocol, snapshot as snapshotOf, sponsorSends as send, startRegistrationWorld } from "./protocol-registration.test-helper";
import { registerProtocol } from "./register-protocol";
import { saveProtocolDraft } from "./save-protocol-draft";

let database: Database;
let drop: () => Promise<void>;
let ledger: TestLedger;
let sponsor: Viewer;
let outsider: Viewer;

beforeAll(async () => {
  ({ database, drop, ledger, sponsor, outsider } = await startRegistrationWorld());
});
afterAll(async () => {
  await Promise.all([drop?.(), ledger?.stop()]);
});

const sponsorSends = (fn: "registerTrial" | "amendProtocol", publicId: string, hash: Hex) => send(ledger, fn, publicId, hash);
const snapshot = (trialId: string) => snapshotOf(database, trialId);

/** The trial's log as (kind, body) in index order, with each envelope's recomputed leaf hash. */
async function logOf(publicId: string) {
  const rows = await database.select().from(logEnvelope).where(eq(logEnvelope.logId, publicId)).orderBy(asc(logEnvelope.idx));
  return rows.map((r) => {
    const e = r.envelope as { kind: string; body: Record<string, unknown> };
    return { kind: e.kind, body: e.body, leafHash: leafHash(canonicalize(r.envelope)) };
  });
}

async function newTrial(title: string, over: Parameters<typeof completeProtocol>[0] = {}) {
  const created = await createTrial(sponsor, { title });
  await saveProtocolDraft(sponsor, created.trialId, { data: completeProtocol({ publicTitle: title, ...over }) });
  return created;
}

describe("discarding a prepared protocol version", () => {
  let trialId: string;
  let publicId: string;
  let v1: Hex;

  it("discards a prepared version 1: the trial is a draft again, nothing is in the log but the discard record", async () => {
    ({ trialId, publicId } = await newTrial("Discard trial"));
    const wrong = await registerProtocol(sponsor, trialId);
    expect(ZDiscardPendingVersionRequestSchema.safeParse({ protocolHash: wrong.protocolHash, reason: "  " }).success).toBe(false);

    const before = await snapshot(trialId);
    await expect(discardPendingVersion(outsider, trialId, { protocolHash: wrong.protocolHash, reason: "x" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(discardPendingVersion(sponsor, "tri_unknown", { protocolHash: wrong.protocolHash, reason: "x" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(discardPendingVersion(sponsor, trialId, { protocolHash: keccak256(toHex("another")), reason: "x" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/not the one you chose to discard/),
    });
    expect(await snapshot(trialId)).toEqual(before);

    const discarded = await discardPendingVersion(sponsor, trialId, {
      protocolHash: wrong.protocolHash,
      reason: "Wrong sample size",
    });
    expect(discarded).toMatchObject({ version: 1, protocolHash: wrong.protocolHash, state: "discarded" });
    const s = await snapshot(trialId);
    expect(s.trial!.status).toBe("draft");
    expect(s.preparations.map((p) => p.state)).toEqual(["discarded"]);
    expect(await logOf(publicId)).toEqual([
      {
        kind: "protocol.discarded",
        body: { version: 1, protocolHash: wrong.protocolHash, reason: "Wrong sample size" },
        leafHash: expect.any(String),
      },
    ]);
    const [audit] = await database
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.trialId, trialId), eq(auditEvent.kind, "protocol.discarded")));
    expect(audit).toMatchObject({ actorUserId: sponsor.userId, logId: publicId, logIndex: 0 });
    const view = await getSponsorTrial(sponsor, trialId);
    expect(view.pending).toBeNull();
    expect(view.discarded).toMatchObject([{ version: 1, protocolHash: wrong.protocolHash, state: "discarded" }]);

    await expect(discardPendingVersion(sponsor, trialId, { protocolHash: wrong.protocolHash, reason: "again" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/nothing to discard/),
    });
    await expect(confirmProtocolOnChain(sponsor, trialId, { txHash: keccak256(toHex("x")) })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/Version 1 was discarded at .* UTC: prepare it again/),
    });
  });

  it("prepares version 1 again, signs and confirms it", async () => {
    const right = await registerProtocol(sponsor, trialId);
    expect((await snapshot(trialId)).trial!.status).toBe("awaiting_signature");
    const tx = await sponsorSends("registerTrial", publicId, right.protocolHash);
    await confirmProtocolOnChain(sponsor, trialId, { txHash: tx });
    v1 = right.protocolHash;
  });

  it("prepares the wrong amendment, discards it, prepares the right one, signs and confirms it: the log holds exactly v1, v2", async () => {
    await saveProtocolDraft(sponsor, trialId, {
      data: completeProtocol({ publicTitle: "Discard trial", targetSampleSize: "999" }),
    });
    const wrong = await amendProtocol(sponsor, trialId, { reason: "Larger sample" });
    expect(wrong.version).toBe(2);
    await discardPendingVersion(sponsor, trialId, {
      protocolHash: wrong.protocolHash,
      reason: "Typed 999 instead of 150",
    });

    await saveProtocolDraft(sponsor, trialId, {
      data: completeProtocol({ publicTitle: "Discard trial", targetSampleSize: "150" }),
    });
    const right = await amendProtocol(sponsor, trialId, { reason: "Larger sample" });
    expect(right).toMatchObject({ version: 2 });
    expect(right.protocolHash).not.toBe(wrong.protocolHash);
    const tx = await sponsorSends("amendProtocol", publicId, right.protocolHash);
    await confirmProtocolOnChain(sponsor, trialId, { txHash: tx });

    const log = await logOf(publicId);
    const versions = log.filter((r) => r.kind === "protocol.version");
    expect(versions.map((r) => [r.body.version, r.leafHash])).toEqual([
      [1, v1],
      [2, right.protocolHash],
    ]);
    expect(log.some((r) => r.leafHash === wrong.protocolHash)).toBe(false);
    expect(log.filter((r) => r.kind === "protocol.discarded").map((r) => r.body.protocolHash)).toHaveLength(2);
    expect((versions[1]!.body as { protocol: { targetSampleSize: string } }).protocol.targetSampleSize).toBe("150");

    // The chain holds what the portal holds: the discarded hash was never committed.
    const amended = await ledger.client.getContractEvents({
      address: ledger.contract,
      abi: trialLedgerAbi,
      eventName: "ProtocolAmended",
      args: { trialId: chainTrialIdForTest(ledger, publicId) },
      fromBlock: 0n,
    });
    expect(amended.map((e) => [e.args.version, e.args.protocolHash])).toEqual([[2, right.protocolHash]]);
    const page = await getPublicTrial(publicId);
    expect(page.versions.map((v) => [v.version, v.leafHash, v.matchesStoredCopy])).toEqual([
      [1, v1, true],
      [2, right.protocolHash, true],
    ]);
    expect((await getSponsorTrial(sponsor, trialId)).discarded.map((d) => [d.version, d.protocolHash])).toEqual([
      [2, wrong.protocolHash],
      [1, expect.any(String)],
    ]);
  });

  it("refuses, in words, a transaction that commits to a discarded version, and stores nothing", async () => {
    const b = await newTrial("Signed after discarding");
    const discarded = await registerProtocol(sponsor, b.trialId);
    await discardPendingVersion(sponsor, b.trialId, { protocolHash: discarded.protocolHash, reason: "Not this one" });
    // The wallet sends it anyway (e.g. from a tab opened before the discard).
    const late = await sponsorSends("registerTrial", b.publicId, discarded.protocolHash);
    await expect(confirmProtocolOnChain(sponsor, b.trialId, { txHash: late })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/discarded/),
    });

    await registerProtocol(sponsor, b.trialId);
    const before = await snapshot(b.trialId);
    await expect(confirmProtocolOnChain(sponsor, b.trialId, { txHash: late })).rejects.toMatchObject({
      code: "UNPROCESSABLE",
      message: expect.stringMatching(/version 1 as prepared at .* which was discarded at .*never added to the log/),
    });
    expect(await snapshot(b.trialId)).toEqual(before);
    expect((await logOf(b.publicId)).map((r) => r.kind)).toEqual(["protocol.discarded"]);
  });

  it("refuses to discard or replace a version the chain already holds, which can then be confirmed", async () => {
    const c = await newTrial("Signed before discarding");
    const pending = await registerProtocol(sponsor, c.trialId);
    const tx = await sponsorSends("registerTrial", c.publicId, pending.protocolHash);
    const before = await snapshot(c.trialId);
    await expect(discardPendingVersion(sponsor, c.trialId, { protocolHash: pending.protocolHash, reason: "Too late" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/already committed on chain/),
    });
    await saveProtocolDraft(sponsor, c.trialId, {
      data: completeProtocol({ publicTitle: "Signed before discarding", targetSampleSize: "7" }),
    });
    await expect(registerProtocol(sponsor, c.trialId)).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/already committed on chain/),
    });
    expect(await snapshot(c.trialId)).toEqual(before);

    await confirmProtocolOnChain(sponsor, c.trialId, { txHash: tx });
    expect((await logOf(c.publicId)).map((r) => [r.kind, r.leafHash])).toEqual([["protocol.version", pending.protocolHash]]);
  });

  it("refuses to discard with the hash of a preparation that was replaced meanwhile", async () => {
    const d = await newTrial("Replaced meanwhile");
    const first = await registerProtocol(sponsor, d.trialId);
    await saveProtocolDraft(sponsor, d.trialId, {
      data: completeProtocol({ publicTitle: "Replaced meanwhile", targetSampleSize: "80" }),
    });
    const second = await registerProtocol(sponsor, d.trialId);
    await expect(discardPendingVersion(sponsor, d.trialId, { protocolHash: first.protocolHash, reason: "Stale page" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect((await getSponsorTrial(sponsor, d.trialId)).pending?.protocolHash).toBe(second.protocolHash);
  });
});
