// Protocol registration end to end through the use cases: draft → prepared protocol.version envelope → the
// sponsor's own registerTrial / amendProtocol on a real Hardhat chain → confirmation read from the chain by the
// portal, which only then appends the prepared record. Every attack (wrong sender, wrong hash, another trial's
// transaction, unmined, a non-sponsor) is refused and stores nothing. Discarding: protocol-discard.int.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { keccak256, toHex, type Hex } from "viem";
import { Fhir } from "fhir";
import { canonicalize, leafHash } from "@/lib/integrity";
import type { Database } from "@/lib/db/open";
import { logLeaf, protocolPreparation } from "@/lib/db/schema";
import { publicIdHash } from "@/lib/chain/trial-id";
import { trialLedgerAbi } from "@/lib/chain/generated/trial-ledger";
import { ZAmendProtocolRequestSchema, ZChangeTrialStatusRequestSchema, ZProtocolSchema } from "@/lib/schemas/protocol";
import type { Viewer } from "@/lib/server/auth/viewer";
import { chainTrialIdForTest, type TestLedger } from "@/lib/testing/test-ledger";
import { viewerFor } from "@/lib/testing/viewer";
import { addTrialSite } from "./add-trial-site";
import { amendProtocol } from "./amend-protocol";
import { assignTrialRegulator } from "./assign-trial-regulator";
import { changeTrialStatus } from "./change-trial-status";
import { confirmProtocolOnChain } from "./confirm-protocol-on-chain";
import { createTrial } from "./create-trial";
import { discardPendingVersion } from "./discard-pending-version";
import { exportProtocolFhir } from "./export-protocol-fhir";
import { getProtocolEnvelope } from "./get-protocol-envelope";
import { getPublicTrial } from "./get-public-trial";
import { getSponsorTrial } from "./get-sponsor-trial";
import { listRegistryTrials } from "./list-registry-trials";
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

describe("protocol registration", () => {
  let trialId: string;
  let publicId: string;

  it("creates a draft trial with the next public id; the draft is never public", async () => {
    ({ trialId, publicId } = await createTrial(sponsor, { title: "Amlodipine trial" }));
    expect(publicId).toMatch(new RegExp(`^TP-${new Date().getUTCFullYear()}-0001$`));
    const second = await createTrial(sponsor, { title: "Second trial" });
    expect(second.publicId).toMatch(/-0002$/);
    await saveProtocolDraft(sponsor, trialId, {
      data: { publicTitle: "Amlodipine (draft)", primaryOutcomes: [{ title: "SBP" }] },
    });
    const view = await getSponsorTrial(sponsor, trialId);
    expect(view.draft.data).toMatchObject({ publicTitle: "Amlodipine (draft)" });
    expect(view.pending).toBeNull();
    expect((await listRegistryTrials({ page: 1, pageSize: 20 })).items).toEqual([]);
    await expect(getPublicTrial(publicId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getProtocolEnvelope(publicId, 1)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses an incomplete protocol, naming the field paths, and stores nothing", async () => {
    const before = await snapshot(trialId);
    const err = await registerProtocol(sponsor, trialId).catch((e) => e);
    expect(err).toMatchObject({ code: "UNPROCESSABLE" });
    expect(err.fieldErrors["primaryOutcomes.0.timeFrame"]?.[0]).toMatch(/time frame/);
    expect(err.fieldErrors["scientificTitle"]).toBeDefined();

    const p = completeProtocol();
    await saveProtocolDraft(sponsor, trialId, {
      data: { ...p, primaryOutcomes: [{ title: "SBP", measure: "mm Hg" }] },
    });
    const err2 = await registerProtocol(sponsor, trialId).catch((e) => e);
    expect(Object.keys(err2.fieldErrors)).toEqual(["primaryOutcomes.0.timeFrame"]);
    expect(await snapshot(trialId)).toEqual(before);
  });

  it("keeps clinical numbers as decimal strings", () => {
    expect(ZProtocolSchema.safeParse({ ...completeProtocol(), targetSampleSize: 120 }).success).toBe(false);
  });

  let pendingHash: Hex;
  it("prepares version 1 without touching the log, resumes it unchanged, and supersedes it with a changed draft", async () => {
    await saveProtocolDraft(sponsor, trialId, { data: completeProtocol() });
    const pending = await registerProtocol(sponsor, trialId);
    expect(pending).toMatchObject({
      version: 1,
      functionName: "registerTrial",
      publicIdHash: publicIdHash(publicId),
      // Registration: TrialLedger derives the id from the wallet that signs, so none is known yet.
      chainTrialId: null,
      contract: ledger.contract,
      chainId: 31337,
    });
    expect(pending.anchorer).toBe(ledger.anchorer.account.address.toLowerCase());
    expect(pending.summary).toContain("Baseline to week 12");
    const [prepared] = await database.select().from(protocolPreparation).where(eq(protocolPreparation.leafHash, pending.protocolHash));
    expect(prepared).toMatchObject({ version: 1, state: "awaiting_signature" });
    expect(prepared!.envelope).toMatchObject({
      kind: "protocol.version",
      trial: publicId,
      at: pending.preparedAt,
      body: { version: 1 },
    });
    expect(leafHash(canonicalize(prepared!.envelope))).toBe(pending.protocolHash);
    const numbers = (v: unknown): number =>
      typeof v === "number" ? 1 : v && typeof v === "object" ? Object.values(v).reduce((n: number, x) => n + numbers(x), 0) : 0;
    expect(numbers(prepared!.envelope.body.protocol)).toBe(0); // no JSON numbers in the protocol

    expect(await registerProtocol(sponsor, trialId)).toEqual(pending);
    let s = await snapshot(trialId);
    expect(s.trial!.status).toBe("awaiting_signature");
    expect(s.versions).toHaveLength(0);
    expect(s.leaves).toBe(0); // prepared, not in the log

    // A changed draft supersedes the preparation: recorded, and the old envelope never reaches the log.
    await saveProtocolDraft(sponsor, trialId, { data: completeProtocol({ targetSampleSize: "130" }) });
    const changed = await registerProtocol(sponsor, trialId);
    expect(changed.protocolHash).not.toBe(pending.protocolHash);
    expect(changed.summary).toContain("Target sample size: 130");
    await saveProtocolDraft(sponsor, trialId, { data: completeProtocol() });
    const restored = await registerProtocol(sponsor, trialId);
    expect((await getSponsorTrial(sponsor, trialId)).pending?.protocolHash).toBe(restored.protocolHash);
    s = await snapshot(trialId);
    expect(s.preparations.map((p) => [p.leafHash, p.state])).toEqual([
      [pending.protocolHash, "superseded"],
      [changed.protocolHash, "superseded"],
      [restored.protocolHash, "awaiting_signature"],
    ]);
    const envelopes = await database.query.logEnvelope.findMany({
      where: (e, { eq }) => eq(e.logId, publicId),
      orderBy: (e, { asc }) => [asc(e.idx)],
    });
    expect(envelopes.map((e) => e.envelope)).toMatchObject([
      {
        kind: "protocol.discarded",
        body: { version: 1, protocolHash: pending.protocolHash, supersededBy: changed.protocolHash },
      },
      {
        kind: "protocol.discarded",
        body: { version: 1, protocolHash: changed.protocolHash, supersededBy: restored.protocolHash },
      },
    ]);
    pendingHash = restored.protocolHash;
    expect((await listRegistryTrials({ page: 1, pageSize: 20 })).total).toBe(0);
  });

  it("refuses an unmined transaction, another trial's transaction, a wrong hash and a wrong sender, storing nothing", async () => {
    const before = await snapshot(trialId);
    await expect(confirmProtocolOnChain(sponsor, trialId, { txHash: keccak256(toHex("nothing")) })).rejects.toMatchObject({ code: "CONFLICT" });

    // The sponsor registers another trial (with this very hash): not this trial's transaction.
    const other = await sponsorSends("registerTrial", "TP-1999-0001", pendingHash);
    await expect(confirmProtocolOnChain(sponsor, trialId, { txHash: other })).rejects.toMatchObject({
      code: "UNPROCESSABLE",
      message: expect.stringMatching(/another trial/),
    });

    // A second trial registered on chain with a hash that is not its pending version's.
    const b = await createTrial(sponsor, { title: "Trial B" });
    await saveProtocolDraft(sponsor, b.trialId, { data: completeProtocol({ publicTitle: "Trial B" }) });
    await registerProtocol(sponsor, b.trialId);
    const wrong = await sponsorSends("registerTrial", b.publicId, keccak256(toHex("tampered")));
    const beforeB = await snapshot(b.trialId);
    await expect(confirmProtocolOnChain(sponsor, b.trialId, { txHash: wrong })).rejects.toMatchObject({
      code: "UNPROCESSABLE",
      message: expect.stringMatching(/protocol hash/),
    });
    expect(await snapshot(b.trialId)).toEqual(beforeB);

    // The right transaction, but claimed by a viewer whose linked wallets do not include its sender.
    const right = await sponsorSends("registerTrial", publicId, pendingHash);
    const unlinked = { ...sponsor, wallets: ["0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc"] };
    await expect(confirmProtocolOnChain(unlinked, trialId, { txHash: right })).rejects.toMatchObject({
      code: "UNPROCESSABLE",
      message: expect.stringMatching(/not a wallet linked/),
    });
    // A non-sponsor cannot confirm it either.
    await expect(confirmProtocolOnChain(outsider, trialId, { txHash: right })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await snapshot(trialId)).toEqual(before);

    const confirmed = await confirmProtocolOnChain(sponsor, trialId, { txHash: right });
    expect(confirmed).toMatchObject({
      version: 1,
      chainState: "confirmed",
      txHash: right,
      sender: ledger.sponsor.account.address.toLowerCase(),
    });
    const s = await snapshot(trialId);
    expect(s.trial).toMatchObject({
      status: "not_yet_recruiting",
      currentVersion: 1,
      phase: "phase_3",
      countries: ["GB", "FR"],
      sponsorName: "Northwind Therapeutics",
    });
    expect(s.trial!.registeredAt).toBeInstanceOf(Date);
    // Confirmation appended exactly the prepared envelope (after the two supersede records).
    expect(s.kinds).toEqual(["protocol.discarded", "protocol.discarded", "protocol.version"]);
    expect(s.versions).toMatchObject([{ version: 1, leafIndex: 2, leafHash: pendingHash, chainState: "confirmed" }]);
    expect(leafHash(canonicalize(await getProtocolEnvelope(publicId, 1)))).toBe(pendingHash);
    expect(s.preparations.at(-1)).toMatchObject({ leafHash: pendingHash, state: "confirmed" });
    await expect(confirmProtocolOnChain(sponsor, trialId, { txHash: right })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("refuses to register twice", async () => {
    await expect(registerProtocol(sponsor, trialId)).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/already registered/),
    });
  });

  it("publishes the registered trial, its envelope (hash = on-chain commitment) and a valid FHIR ResearchStudy", async () => {
    const page = await getPublicTrial(publicId);
    expect(page.current.version).toBe(1);
    expect(page.chain).toMatchObject({
      chainId: 31337,
      contract: ledger.contract,
      chainTrialId: chainTrialIdForTest(ledger, publicId),
      sponsor: ledger.sponsor.account.address.toLowerCase(),
    });
    expect(page.versions[0]).toMatchObject({
      version: 1,
      leafHash: pendingHash,
      chainState: "confirmed",
      matchesStoredCopy: true,
      anchoring: { state: "awaiting_anchor" },
    });
    const envelope = await getProtocolEnvelope(publicId, 1);
    expect(leafHash(canonicalize(envelope))).toBe(pendingHash);

    const fhir = await exportProtocolFhir(publicId);
    const result = new Fhir().validate(JSON.parse(JSON.stringify(fhir)) as never);
    expect(result.messages.filter((m: { severity?: string }) => m.severity === "error")).toEqual([]);
    expect(result.valid).toBe(true);
    expect(fhir).toMatchObject({
      resourceType: "ResearchStudy",
      status: "approved",
      title: completeProtocol().publicTitle,
    });
  });

  it("amends with a reason: version 2, ProtocolAmended, outcome switch visible", async () => {
    expect(ZAmendProtocolRequestSchema.safeParse({ reason: "  " }).success).toBe(false);
    await expect(amendProtocol(sponsor, trialId, { reason: "No change" })).rejects.toMatchObject({
      code: "UNPROCESSABLE",
    });
    const switched = completeProtocol({
      primaryOutcomes: [{ title: "Change in diastolic BP", measure: "mm Hg", timeFrame: "Baseline to week 8" }],
    });
    await saveProtocolDraft(sponsor, trialId, { data: switched });
    await expect(amendProtocol(outsider, trialId, { reason: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const pending = await amendProtocol(sponsor, trialId, { reason: "DSMB recommendation" });
    expect(pending).toMatchObject({ version: 2, functionName: "amendProtocol" });
    expect(await amendProtocol(sponsor, trialId, { reason: "DSMB recommendation" })).toEqual(pending); // resumable
    const tx = await sponsorSends("amendProtocol", publicId, pending.protocolHash);
    await confirmProtocolOnChain(sponsor, trialId, { txHash: tx });
    const page = await getPublicTrial(publicId);
    expect(page.current.version).toBe(2);
    expect(page.versions.map((v) => [v.version, v.reason])).toEqual([
      [1, null],
      [2, "DSMB recommendation"],
    ]);
    const logs = await ledger.client.getContractEvents({
      address: ledger.contract,
      abi: trialLedgerAbi,
      eventName: "ProtocolAmended",
      args: { trialId: chainTrialIdForTest(ledger, publicId) },
      fromBlock: 0n,
    });
    expect(logs.map((l) => [l.args.version, l.args.protocolHash])).toEqual([[2, pending.protocolHash]]);
  });

  it("records status changes, sites and regulators in the log", async () => {
    expect(ZChangeTrialStatusRequestSchema.safeParse({ status: "suspended" }).success).toBe(false);
    await changeTrialStatus(sponsor, trialId, { status: "active_not_recruiting" });
    await changeTrialStatus(sponsor, trialId, { status: "recruiting" });
    await addTrialSite(sponsor, trialId, { siteOrgId: "org_site01" });
    await expect(addTrialSite(sponsor, trialId, { siteOrgId: "org_other01" })).rejects.toMatchObject({
      code: "UNPROCESSABLE",
    });
    await expect(assignTrialRegulator(sponsor, trialId, { userId: "usr_other01" })).rejects.toMatchObject({
      code: "UNPROCESSABLE",
    });
    await assignTrialRegulator(sponsor, trialId, { userId: "usr_reg01" });
    const leaves = await database.select().from(logLeaf).where(eq(logLeaf.logId, publicId));
    expect(leaves.map((l) => l.kind)).toEqual([
      "protocol.discarded",
      "protocol.discarded",
      "protocol.version",
      "protocol.version",
      "protocol.status",
      "protocol.status",
      "trial.site_added",
      "trial.regulator_assigned",
    ]);
    expect((await snapshot(trialId)).trial!.status).toBe("recruiting");
  });

  it("answers 403 to a non-sponsor for every action, and 404 for an unknown trial", async () => {
    const before = await snapshot(trialId);
    const actions = [
      () => getSponsorTrial(outsider, trialId),
      () => saveProtocolDraft(outsider, trialId, { data: {} }),
      () => registerProtocol(outsider, trialId),
      () => amendProtocol(outsider, trialId, { reason: "x" }),
      () => confirmProtocolOnChain(outsider, trialId, { txHash: keccak256(toHex("x")) }),
      () => discardPendingVersion(outsider, trialId, { protocolHash: keccak256(toHex("x")), reason: "x" }),
      () => changeTrialStatus(outsider, trialId, { status: "suspended", reason: "x" }),
      () => addTrialSite(outsider, trialId, { siteOrgId: "org_site01" }),
      () => assignTrialRegulator(outsider, trialId, { userId: "usr_reg01" }),
    ];
    for (const action of actions) await expect(action()).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await snapshot(trialId)).toEqual(before);
    await expect(getSponsorTrial(sponsor, "tri_unknown")).rejects.toMatchObject({ code: "NOT_FOUND" });
    const regulator = await viewerFor(database, "usr_reg01");
    await expect(createTrial(regulator, { title: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("after a direct SQL edit of the registered protocol, the public page shows the edit and it no longer hashes to the commitment", async () => {
    const [v1] = (await snapshot(trialId)).versions;
    await database.$asOwner(async (owner) => {
      await owner.execute(sql`alter table log_envelope disable trigger user`);
      try {
        await owner.execute(
          sql`update log_envelope set envelope = jsonb_set(envelope, '{body,protocol,targetSampleSize}', '"12"') where log_id = ${publicId} and idx = ${v1!.leafIndex}`,
        );
      } finally {
        await owner.execute(sql`alter table log_envelope enable always trigger log_envelope_no_update`);
        await owner.execute(sql`alter table log_envelope enable always trigger log_envelope_no_truncate`);
        await owner.execute(sql`alter table log_envelope enable always trigger log_envelope_delete_only_by_erasure`);
      }
    });
    const page = await getPublicTrial(publicId);
    expect(page.versions[0]).toMatchObject({
      version: 1,
      matchesStoredCopy: false,
      protocol: { targetSampleSize: "12" },
    });
    const envelope = await getProtocolEnvelope(publicId, 1);
    expect(leafHash(canonicalize(envelope))).not.toBe(page.versions[0]!.leafHash);
  });
});
