// Protocol registration end to end through the use cases: draft → protocol.version record → the sponsor's own
// registerTrial / amendProtocol on a real Hardhat chain → confirmation read from the chain by the portal. Every
// attack (wrong sender, wrong hash, another trial's transaction, unmined, a non-sponsor) is refused and stores nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { keccak256, toHex, type Hex } from "viem";
import { Fhir } from "fhir";
import { canonicalize, leafHash } from "@/lib/integrity";
import type { Database } from "@/lib/db/open";
import { logLeaf, membership, organization, protocolVersion, trial, user, walletAddress } from "@/lib/db/schema";
import { chainTrialId } from "@/lib/chain/trial-id";
import { trialLedgerAbi } from "@/lib/chain/generated/trial-ledger";
import { writeChainBinding } from "@/lib/runtime/chain-binding";
import { ZAmendProtocolRequestSchema, ZChangeTrialStatusRequestSchema, ZProtocolSchema, type TProtocol } from "@/lib/schemas/protocol";
import type { Viewer } from "@/lib/server/auth/viewer";
import { freshDatabase } from "@/lib/testing/fresh-database";
import { startTestLedger, type TestLedger } from "@/lib/testing/test-ledger";
import { viewerFor } from "@/lib/testing/viewer";
import { addTrialSite } from "./add-trial-site";
import { amendProtocol } from "./amend-protocol";
import { assignTrialRegulator } from "./assign-trial-regulator";
import { changeTrialStatus } from "./change-trial-status";
import { confirmProtocolOnChain } from "./confirm-protocol-on-chain";
import { createTrial } from "./create-trial";
import { exportProtocolFhir } from "./export-protocol-fhir";
import { getProtocolEnvelope } from "./get-protocol-envelope";
import { getPublicTrial } from "./get-public-trial";
import { getSponsorTrial } from "./get-sponsor-trial";
import { listRegistryTrials } from "./list-registry-trials";
import { registerProtocol } from "./register-protocol";
import { saveProtocolDraft } from "./save-protocol-draft";

let database: Database;
let drop: () => Promise<void>;
let ledger: TestLedger;
let sponsor: Viewer;
let outsider: Viewer;

export function completeProtocol(over: Partial<TProtocol> = {}): TProtocol {
  return {
    publicTitle: "Amlodipine versus placebo for essential hypertension",
    scientificTitle: "A randomised, double-blind, placebo-controlled trial of amlodipine 5 mg in adults with essential hypertension",
    secondaryIds: [{ issuer: "EU CT", id: "2026-500123-11-00" }],
    monetarySupport: ["Northwind Therapeutics"],
    primarySponsor: "Northwind Therapeutics",
    secondarySponsors: [],
    publicContact: { name: "Trial office", email: "trials@northwind.example", affiliation: "Northwind Therapeutics" },
    scientificContact: { name: "Dr A. Smith", email: "a.smith@northwind.example", affiliation: "Riverside Hospital" },
    countries: ["GB", "FR"],
    conditions: ["Essential hypertension"],
    interventions: [{ name: "Amlodipine", description: "5 mg orally once daily for 12 weeks" }],
    inclusionCriteria: "Adults 18-75 with seated systolic BP 140-179 mm Hg",
    exclusionCriteria: "Secondary hypertension; pregnancy",
    studyType: "interventional",
    phase: "phase_3",
    allocation: "randomized",
    masking: "double",
    arms: [
      { label: "Amlodipine", description: "Amlodipine 5 mg" },
      { label: "Placebo", description: "Matching placebo" },
    ],
    targetSampleSize: "120",
    anticipatedFirstEnrollment: "2027-01-15",
    anticipatedCompletion: "2028-06-30",
    recruitmentStatus: "not_yet_recruiting",
    ethicsReview: { committee: "London REC", approvalDate: "2026-10-01", reference: "26/LO/0001" },
    ipdSharingStatement: "De-identified IPD available on request after publication",
    primaryOutcomes: [{ title: "Change in seated systolic BP", measure: "Seated systolic blood pressure, mm Hg", timeFrame: "Baseline to week 12" }],
    secondaryOutcomes: [{ title: "Change in diastolic BP", measure: "Seated diastolic blood pressure, mm Hg", timeFrame: "Baseline to week 12" }],
    ...over,
  };
}

async function seedPeople() {
  await database.insert(organization).values([
    { id: "org_sponsor01", name: "Northwind Therapeutics", kind: "sponsor" },
    { id: "org_other01", name: "Contoso Pharma", kind: "sponsor" },
    { id: "org_site01", name: "Riverside Clinical Research Site", kind: "site" },
    { id: "org_reg01", name: "Medicines Inspectorate", kind: "regulator" },
  ]);
  await database.insert(user).values([
    { id: "usr_sponsor01", name: "Sofia Sponsor", email: "sofia@example.test", emailVerified: true },
    { id: "usr_other01", name: "Oscar Other", email: "oscar@example.test", emailVerified: true },
    { id: "usr_reg01", name: "Rita Regulator", email: "rita@example.test", emailVerified: true },
  ]);
  await database.insert(membership).values([
    { id: "mem_sponsor01", userId: "usr_sponsor01", organizationId: "org_sponsor01", role: "sponsor_admin" },
    { id: "mem_other01", userId: "usr_other01", organizationId: "org_other01", role: "sponsor_admin" },
    { id: "mem_reg01", userId: "usr_reg01", organizationId: "org_reg01", role: "regulator" },
  ]);
  await database.insert(walletAddress).values({ id: "wal_sponsor01", userId: "usr_sponsor01", address: ledger.sponsor.account.address, chainId: 31337, isPrimary: true });
}

beforeAll(async () => {
  [{ database, drop }, ledger] = await Promise.all([freshDatabase(), startTestLedger()]);
  process.env.RPC_URL = ledger.url;
  process.env.CHAIN_ID = "31337";
  delete process.env.ANCHORER_PRIVATE_KEY;
  await writeChainBinding(database, { chainId: 31337, ledgerAddress: ledger.contract, deployBlockNumber: "0", deployBlockHash: `0x${"0".repeat(64)}` });
  await seedPeople();
  sponsor = { ...(await viewerFor(database, "usr_sponsor01")), wallets: [ledger.sponsor.account.address] };
  outsider = await viewerFor(database, "usr_other01");
});
afterAll(async () => {
  await Promise.all([drop?.(), ledger?.stop()]);
});

async function sponsorSends(functionName: "registerTrial" | "amendProtocol", publicId: string, protocolHash: Hex): Promise<Hex> {
  const hash =
    functionName === "registerTrial"
      ? await ledger.sponsor.writeContract({ address: ledger.contract, abi: trialLedgerAbi, functionName, args: [chainTrialId(publicId), protocolHash, ledger.anchorer.account.address] })
      : await ledger.sponsor.writeContract({ address: ledger.contract, abi: trialLedgerAbi, functionName, args: [chainTrialId(publicId), protocolHash] });
  const receipt = await ledger.client.waitForTransactionReceipt({ hash, pollingInterval: 20 });
  expect(receipt.status).toBe("success");
  return hash;
}

async function snapshot(trialId: string) {
  const [t] = await database.select().from(trial).where(eq(trial.id, trialId));
  const versions = await database.select().from(protocolVersion).where(eq(protocolVersion.trialId, trialId));
  const leaves = await database.select().from(logLeaf).where(eq(logLeaf.logId, t!.publicId));
  return { trial: t, versions, leaves: leaves.length };
}

describe("protocol registration", () => {
  let trialId: string;
  let publicId: string;

  it("creates a draft trial with the next public id; the draft is never public", async () => {
    ({ trialId, publicId } = await createTrial(sponsor, { title: "Amlodipine trial" }));
    expect(publicId).toMatch(new RegExp(`^TP-${new Date().getUTCFullYear()}-0001$`));
    const second = await createTrial(sponsor, { title: "Second trial" });
    expect(second.publicId).toMatch(/-0002$/);
    await saveProtocolDraft(sponsor, trialId, { data: { publicTitle: "Amlodipine (draft)", primaryOutcomes: [{ title: "SBP" }] } });
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
    await saveProtocolDraft(sponsor, trialId, { data: { ...p, primaryOutcomes: [{ title: "SBP", measure: "mm Hg" }] } });
    const err2 = await registerProtocol(sponsor, trialId).catch((e) => e);
    expect(Object.keys(err2.fieldErrors)).toEqual(["primaryOutcomes.0.timeFrame"]);
    expect(await snapshot(trialId)).toEqual(before);
  });

  it("keeps clinical numbers as decimal strings", () => {
    expect(ZProtocolSchema.safeParse({ ...completeProtocol(), targetSampleSize: 120 }).success).toBe(false);
  });

  let pendingHash: Hex;
  it("prepares version 1 (record + version row in one transaction) and resumes it unchanged", async () => {
    await saveProtocolDraft(sponsor, trialId, { data: completeProtocol() });
    const pending = await registerProtocol(sponsor, trialId);
    expect(pending).toMatchObject({ version: 1, functionName: "registerTrial", chainTrialId: chainTrialId(publicId), contract: ledger.contract, chainId: 31337 });
    expect(pending.anchorer).toBe(ledger.anchorer.account.address.toLowerCase());
    expect(pending.summary).toContain("Baseline to week 12");
    const envelope = (await database.query.logEnvelope.findFirst({ where: (e, { and, eq }) => and(eq(e.logId, publicId), eq(e.idx, pending.leafIndex)) }))!.envelope;
    expect(leafHash(canonicalize(envelope))).toBe(pending.protocolHash);
    const numbers = (v: unknown): number => (typeof v === "number" ? 1 : v && typeof v === "object" ? Object.values(v).reduce((n: number, x) => n + numbers(x), 0) : 0);
    expect(numbers((envelope as { body: { protocol: unknown } }).body.protocol)).toBe(0); // no JSON numbers in the protocol
    pendingHash = pending.protocolHash;

    const again = await registerProtocol(sponsor, trialId);
    expect(again).toEqual(pending);
    const s = await snapshot(trialId);
    expect(s.trial!.status).toBe("awaiting_signature");
    expect(s.versions).toHaveLength(1);
    expect(s.leaves).toBe(1);

    await saveProtocolDraft(sponsor, trialId, { data: completeProtocol({ targetSampleSize: "130" }) });
    await expect(registerProtocol(sponsor, trialId)).rejects.toMatchObject({ code: "CONFLICT" });
    await saveProtocolDraft(sponsor, trialId, { data: completeProtocol() });
    expect((await getSponsorTrial(sponsor, trialId)).pending?.protocolHash).toBe(pendingHash);
    expect((await listRegistryTrials({ page: 1, pageSize: 20 })).total).toBe(0);
  });

  it("refuses an unmined transaction, another trial's transaction, a wrong hash and a wrong sender, storing nothing", async () => {
    const before = await snapshot(trialId);
    await expect(confirmProtocolOnChain(sponsor, trialId, { txHash: keccak256(toHex("nothing")) })).rejects.toMatchObject({ code: "CONFLICT" });

    // The sponsor registers another trial (with this very hash): not this trial's transaction.
    const other = await sponsorSends("registerTrial", "TP-1999-0001", pendingHash);
    await expect(confirmProtocolOnChain(sponsor, trialId, { txHash: other })).rejects.toMatchObject({ code: "UNPROCESSABLE", message: expect.stringMatching(/another trial/) });

    // A second trial registered on chain with a hash that is not its pending version's.
    const b = await createTrial(sponsor, { title: "Trial B" });
    await saveProtocolDraft(sponsor, b.trialId, { data: completeProtocol({ publicTitle: "Trial B" }) });
    await registerProtocol(sponsor, b.trialId);
    const wrong = await sponsorSends("registerTrial", b.publicId, keccak256(toHex("tampered")));
    const beforeB = await snapshot(b.trialId);
    await expect(confirmProtocolOnChain(sponsor, b.trialId, { txHash: wrong })).rejects.toMatchObject({ code: "UNPROCESSABLE", message: expect.stringMatching(/protocol hash/) });
    expect(await snapshot(b.trialId)).toEqual(beforeB);

    // The right transaction, but claimed by a viewer whose linked wallets do not include its sender.
    const right = await sponsorSends("registerTrial", publicId, pendingHash);
    const unlinked = { ...sponsor, wallets: ["0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc"] };
    await expect(confirmProtocolOnChain(unlinked, trialId, { txHash: right })).rejects.toMatchObject({ code: "UNPROCESSABLE", message: expect.stringMatching(/not a wallet linked/) });
    // A non-sponsor cannot confirm it either.
    await expect(confirmProtocolOnChain(outsider, trialId, { txHash: right })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await snapshot(trialId)).toEqual(before);

    const confirmed = await confirmProtocolOnChain(sponsor, trialId, { txHash: right });
    expect(confirmed).toMatchObject({ version: 1, chainState: "confirmed", txHash: right, sender: ledger.sponsor.account.address.toLowerCase() });
    const s = await snapshot(trialId);
    expect(s.trial).toMatchObject({ status: "registered", currentVersion: 1, phase: "phase_3", countries: ["GB", "FR"], sponsorName: "Northwind Therapeutics" });
    expect(s.trial!.registeredAt).toBeInstanceOf(Date);
    await expect(confirmProtocolOnChain(sponsor, trialId, { txHash: right })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("refuses to register twice", async () => {
    await expect(registerProtocol(sponsor, trialId)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/already registered/) });
  });

  it("publishes the registered trial, its envelope (hash = on-chain commitment) and a valid FHIR ResearchStudy", async () => {
    const page = await getPublicTrial(publicId);
    expect(page.current.version).toBe(1);
    expect(page.chain).toMatchObject({ chainId: 31337, contract: ledger.contract, chainTrialId: chainTrialId(publicId), sponsor: ledger.sponsor.account.address.toLowerCase() });
    expect(page.versions[0]).toMatchObject({ version: 1, leafHash: pendingHash, chainState: "confirmed", matchesStoredCopy: true, anchoring: { state: "awaiting anchor" } });
    const envelope = await getProtocolEnvelope(publicId, 1);
    expect(leafHash(canonicalize(envelope))).toBe(pendingHash);

    const fhir = await exportProtocolFhir(publicId);
    const result = new Fhir().validate(JSON.parse(JSON.stringify(fhir)) as never);
    expect(result.messages.filter((m: { severity?: string }) => m.severity === "error")).toEqual([]);
    expect(result.valid).toBe(true);
    expect(fhir).toMatchObject({ resourceType: "ResearchStudy", status: "approved", title: completeProtocol().publicTitle });
  });

  it("amends with a reason: version 2, ProtocolAmended, outcome switch visible", async () => {
    expect(ZAmendProtocolRequestSchema.safeParse({ reason: "  " }).success).toBe(false);
    await expect(amendProtocol(sponsor, trialId, { reason: "No change" })).rejects.toMatchObject({ code: "UNPROCESSABLE" });
    const switched = completeProtocol({ primaryOutcomes: [{ title: "Change in diastolic BP", measure: "mm Hg", timeFrame: "Baseline to week 8" }] });
    await saveProtocolDraft(sponsor, trialId, { data: switched });
    await expect(amendProtocol(outsider, trialId, { reason: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const pending = await amendProtocol(sponsor, trialId, { reason: "DSMB recommendation" });
    expect(pending).toMatchObject({ version: 2, functionName: "amendProtocol" });
    await expect(amendProtocol(sponsor, trialId, { reason: "again" })).rejects.toMatchObject({ code: "CONFLICT" });
    const tx = await sponsorSends("amendProtocol", publicId, pending.protocolHash);
    await confirmProtocolOnChain(sponsor, trialId, { txHash: tx });
    const page = await getPublicTrial(publicId);
    expect(page.current.version).toBe(2);
    expect(page.versions.map((v) => [v.version, v.reason])).toEqual([
      [1, null],
      [2, "DSMB recommendation"],
    ]);
    const logs = await ledger.client.getContractEvents({ address: ledger.contract, abi: trialLedgerAbi, eventName: "ProtocolAmended", args: { trialId: chainTrialId(publicId) }, fromBlock: 0n });
    expect(logs.map((l) => [l.args.version, l.args.protocolHash])).toEqual([[2, pending.protocolHash]]);
  });

  it("records status changes, sites and regulators in the log", async () => {
    expect(ZChangeTrialStatusRequestSchema.safeParse({ status: "suspended" }).success).toBe(false);
    await changeTrialStatus(sponsor, trialId, { status: "active" });
    await changeTrialStatus(sponsor, trialId, { status: "recruiting" });
    await addTrialSite(sponsor, trialId, { siteOrgId: "org_site01" });
    await expect(addTrialSite(sponsor, trialId, { siteOrgId: "org_other01" })).rejects.toMatchObject({ code: "UNPROCESSABLE" });
    await expect(assignTrialRegulator(sponsor, trialId, { userId: "usr_other01" })).rejects.toMatchObject({ code: "UNPROCESSABLE" });
    await assignTrialRegulator(sponsor, trialId, { userId: "usr_reg01" });
    const leaves = await database.select().from(logLeaf).where(eq(logLeaf.logId, publicId));
    expect(leaves.map((l) => l.kind)).toEqual(["protocol.version", "protocol.version", "protocol.status", "protocol.status", "trial.site_added", "trial.regulator_assigned"]);
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
    const [v1] = await database.select().from(protocolVersion).where(eq(protocolVersion.trialId, trialId));
    await database.$asOwner(async (owner) => {
      await owner.execute(sql`alter table log_envelope disable trigger user`);
      try {
        await owner.execute(sql`update log_envelope set envelope = jsonb_set(envelope, '{body,protocol,targetSampleSize}', '"12"') where log_id = ${publicId} and idx = ${v1!.leafIndex}`);
      } finally {
        await owner.execute(sql`alter table log_envelope enable always trigger log_envelope_no_update`);
        await owner.execute(sql`alter table log_envelope enable always trigger log_envelope_no_truncate`);
        await owner.execute(sql`alter table log_envelope enable always trigger log_envelope_delete_only_by_erasure`);
      }
    });
    const page = await getPublicTrial(publicId);
    expect(page.versions[0]).toMatchObject({ version: 1, matchesStoredCopy: false, protocol: { targetSampleSize: "12" } });
    const envelope = await getProtocolEnvelope(publicId, 1);
    expect(leafHash(canonicalize(envelope))).not.toBe(page.versions[0]!.leafHash);
  });
});
