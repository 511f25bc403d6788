// Receipts and bundles as the portal issues them: who may have them, what they prove on a real chain, and
// what happens before a record is anchored.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { parseAuditBundle, verifyInclusion, type Hex, type Receipt } from "@/lib/integrity";
import type { Database } from "@/lib/db/open";
import { membership, organization, participant, trial, trialRegulator, trialSite, user } from "@/lib/db/schema";
import type { Role } from "@/lib/schemas/roles";
import { verifyBundleOnChain } from "@/lib/chain/verify-bundle-on-chain";
import { verifyReceiptOnChain } from "@/lib/chain/verify-receipt-on-chain";
import { freshDatabase } from "@/lib/testing/fresh-database";
import {
  anchorDirectlyForTest,
  chainTrialIdForTest,
  createTrialForTest,
  registerTrialOnChainForTest,
  startTestLedger,
  type TestLedger,
} from "@/lib/testing/test-ledger";
import { viewerFor } from "@/lib/testing/viewer";
import type { Viewer } from "@/lib/server/auth/viewer";
import { AppError } from "@/lib/server/errors/app-error";
import { appendRecords, type AppendedRecord, type RecordInput } from "@/lib/server/log/append-records";
import { exportBundleAs } from "@/lib/server/verification/export-bundle";
import { getRecord } from "./get-record";
import { getRecordReceipt } from "./get-record-receipt";

let database: Database;
let drop: () => Promise<void>;
let ledger: TestLedger;
const LOG = "TP-2026-0201";
let records: AppendedRecord[];
const people: Record<string, Viewer> = {};
let trialId: string;

async function person(key: string, role: Role, org: { id: string; kind: "sponsor" | "site" | "regulator" | "platform" }, participantId?: string) {
  await database.insert(organization).values({ id: org.id, name: org.id, kind: org.kind }).onConflictDoNothing();
  await database.insert(user).values({ id: `usr_${key}`, name: key, email: `${key}@example.test`, emailVerified: true });
  await database.insert(membership).values({ id: `mem_${key}`, userId: `usr_${key}`, organizationId: org.id, role });
  if (participantId) await database.insert(participant).values({ id: participantId, userId: `usr_${key}`, siteOrgId: org.id, trialId });
  people[key] = await viewerFor(database, `usr_${key}`);
}

async function appError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return "OK";
}

beforeAll(async () => {
  [{ database, drop }, ledger] = await Promise.all([freshDatabase(), startTestLedger()]);
  const created = await createTrialForTest(database, LOG);
  const { sponsorUserId } = created;
  trialId = created.trialId;
  people.sponsor = await viewerFor(database, sponsorUserId);
  const site = { id: "org_site0001", kind: "site" as const };
  // The site takes part in the trial (participants are enrolled in a trial at a site); the rows stand in for the
  // sponsor's `trial.site_added`, and the registration below for the chain's confirmation.
  await database.insert(organization).values({ id: site.id, name: site.id, kind: site.kind });
  await database.insert(trialSite).values({ trialId, siteOrgId: site.id, leafIndex: 0, createdBy: sponsorUserId });
  await database.update(trial).set({ registeredAt: new Date() }).where(eq(trial.id, trialId));
  await person("admin", "platform_admin", { id: "org_platform1", kind: "platform" });
  await person("othersponsor", "sponsor_admin", { id: "org_other001", kind: "sponsor" });
  await person("regulator", "regulator", { id: "org_regul001", kind: "regulator" });
  await person("otherregulator", "regulator", { id: "org_regul001", kind: "regulator" });
  await database.insert(trialRegulator).values({ trialId, userId: "usr_regulator", leafIndex: 0, createdBy: sponsorUserId });
  await person("investigator", "investigator", site);
  await person("patA", "participant", site, "ppt_patientA1");
  await person("patB", "participant", site, "ppt_patientB1");

  const outcome = (subject: string, value: string): RecordInput => ({
    kind: "outcome.recorded",
    actor: { role: "investigator", id: "usr_investigator" },
    subject,
    body: { measure: "systolic_bp", value, unit: "mm[Hg]", visit: "baseline", observedAt: "2026-09-01T08:00:00.000Z" },
  });
  records = await appendRecords(database, LOG, [
    {
      kind: "protocol.version",
      actor: { role: "sponsor", id: sponsorUserId },
      body: { version: 1, protocol: { publicTitle: LOG } },
    },
    outcome("ppt_patientA1", "131"),
    outcome("ppt_patientB1", "142"),
    outcome("ppt_patientA1", "128"),
    outcome("ppt_patientB1", "139"),
    outcome("ppt_patientA1", "125"),
  ]);
  await registerTrialOnChainForTest(ledger, LOG, records[0]!.leafHash, { database });
  await anchorDirectlyForTest(database, ledger, LOG, 4);
});
afterAll(async () => {
  await Promise.all([drop?.(), ledger?.stop()]);
});

const flipLastDigit = (h: Hex): Hex => h.replace(/.$/, (c) => (c === "0" ? "1" : "0")) as Hex;

describe("record receipts", () => {
  let receipt: Receipt;

  it("is proven against the latest confirmed checkpoint covering the record, and verifies on chain step by step", async () => {
    receipt = await getRecordReceipt(people.admin!, LOG, 1);
    expect(receipt).toMatchObject({ chainId: 31337, leafIndex: 1, leafHash: records[1]!.leafHash, treeSize: 4 });
    expect(receipt.contract.toLowerCase()).toBe(ledger.contract.toLowerCase());
    // The receipt names who registered the log, so a verifier can recompute its trial id (docs/ledger.md#trial-ids).
    expect(receipt).toMatchObject({
      publicId: LOG,
      sponsor: ledger.sponsor.account.address.toLowerCase(),
      chainTrialId: chainTrialIdForTest(ledger, LOG),
    });
    expect(Object.keys(receipt).sort()).toEqual([
      "blockNumber",
      "chainId",
      "chainTrialId",
      "contract",
      "leafHash",
      "leafIndex",
      "proof",
      "publicId",
      "rootHash",
      "sponsor",
      "treeSize",
      "txHash",
    ]);
    expect(verifyInclusion(receipt.leafHash, 1, 4, receipt.proof, receipt.rootHash)).toBe(true);

    const onChain = await verifyReceiptOnChain(ledger.client, JSON.parse(JSON.stringify(receipt)), records[1]!.envelope, {
      contract: ledger.contract,
    });
    expect(onChain.steps.map((s) => [s.id, s.status])).toEqual([
      ["format", "pass"],
      ["trial", "pass"],
      ["record", "pass"],
      ["inclusion", "pass"],
      ["chain", "pass"],
      ["anchored", "pass"],
      ["transaction", "pass"],
    ]);
    expect(onChain.ok).toBe(true);
  });

  it("fails on chain once one hex digit of the proof, the root or the record changes", async () => {
    const badProof = { ...receipt, proof: [flipLastDigit(receipt.proof[0]!), ...receipt.proof.slice(1)] };
    const a = await verifyReceiptOnChain(ledger.client, badProof, undefined, { contract: ledger.contract });
    expect(a.ok).toBe(false);
    expect(a.steps.find((s) => s.id === "inclusion")!.status).toBe("fail");

    const badRoot = { ...receipt, rootHash: flipLastDigit(receipt.rootHash) };
    const b = await verifyReceiptOnChain(ledger.client, badRoot, undefined, { contract: ledger.contract });
    expect(b.ok).toBe(false);
    expect(b.steps.find((s) => s.id === "anchored")!.status).toBe("fail");

    const changed = { ...records[1]!.envelope, body: { ...(records[1]!.envelope.body as object), value: "99" } };
    const c = await verifyReceiptOnChain(ledger.client, receipt, changed, { contract: ledger.contract });
    expect(c.ok).toBe(false);
    expect(c.steps.find((s) => s.id === "record")!.status).toBe("fail");

    const otherContract = await verifyReceiptOnChain(ledger.client, receipt, undefined, {
      contract: "0x000000000000000000000000000000000000dEaD",
    });
    expect(otherContract.ok).toBe(false);
    expect(otherContract.steps.find((s) => s.id === "chain")!.status).toBe("fail");

    const wrongTx = await verifyReceiptOnChain(ledger.client, { ...receipt, txHash: `0x${"ee".repeat(32)}` }, undefined, {
      contract: ledger.contract,
    });
    expect(wrongTx.steps.find((s) => s.id === "transaction")!.status).toBe("fail");
    expect(wrongTx.ok).toBe(false);
  });

  it("says 'awaiting anchor' for a record after the latest confirmed checkpoint", async () => {
    await expect(getRecordReceipt(people.admin!, LOG, 4)).rejects.toThrow(/awaiting anchor/);
    const view = await getRecord(people.admin!, LOG, 5);
    expect(view.anchoring.status).toBe("awaiting_anchor");
  });

  it("after a later checkpoint, new receipts use it and earlier ones still verify against their own transaction", async () => {
    await anchorDirectlyForTest(database, ledger, LOG, 6);
    const later = await getRecordReceipt(people.admin!, LOG, 1);
    expect(later.treeSize).toBe(6);
    expect((await verifyReceiptOnChain(ledger.client, later, undefined, { contract: ledger.contract })).ok).toBe(true);
    const earlier = await verifyReceiptOnChain(ledger.client, receipt, undefined, { contract: ledger.contract });
    expect(earlier.ok).toBe(true);
    expect(earlier.steps.find((s) => s.id === "anchored")!.detail).toMatch(/latest checkpoint: size 6/);
    expect((await getRecordReceipt(people.admin!, LOG, 5)).treeSize).toBe(6);
  });

  it("is given to admins, the trial's sponsor admins, its regulators and the participant the record is about; to others it does not exist", async () => {
    expect(await appError(getRecordReceipt(people.admin!, LOG, 2))).toBe("OK");
    expect(await appError(getRecordReceipt(people.sponsor!, LOG, 2))).toBe("OK");
    expect(await appError(getRecordReceipt(people.regulator!, LOG, 2))).toBe("OK");
    expect(await appError(getRecordReceipt(people.patB!, LOG, 2))).toBe("OK");
    expect(await appError(getRecordReceipt(people.patA!, LOG, 2))).toBe("NOT_FOUND");
    expect(await appError(getRecordReceipt(people.patA!, LOG, 0))).toBe("NOT_FOUND"); // the protocol: no subject
    expect(await appError(getRecordReceipt(people.patA!, LOG, 99))).toBe("NOT_FOUND");
    expect(await appError(getRecordReceipt(people.othersponsor!, LOG, 2))).toBe("NOT_FOUND");
    expect(await appError(getRecordReceipt(people.otherregulator!, LOG, 2))).toBe("NOT_FOUND");
    expect(await appError(getRecordReceipt(people.investigator!, LOG, 2))).toBe("NOT_FOUND");
    expect(await appError(getRecordReceipt(people.admin!, LOG, 99))).toBe("NOT_FOUND");
    expect(await appError(getRecordReceipt(people.admin!, "TP-2026-9999", 0))).toBe("NOT_FOUND");
  });
});

describe("the record page's view", () => {
  it("shows the envelope until the participant's data is erased; then the record is redacted and its receipt remains", async () => {
    const before = await getRecord(people.patA!, LOG, 5);
    expect(before.envelope).toEqual(records[5]!.envelope);
    await database.execute(sql`select trialproof_erase_subject('ppt_patientA1')`);
    const after = await getRecord(people.patA!, LOG, 5);
    expect(after.envelope).toBeNull();
    expect(after.leafHash).toBe(records[5]!.leafHash);
    expect(after.anchoring.status).toBe("anchored");
  });
});

describe("audit bundle export", () => {
  it("is for admins, the trial's sponsor admins and its assigned regulators only", async () => {
    for (const who of ["admin", "sponsor", "regulator"]) expect(await appError(exportBundleAs(people[who]!, LOG)), who).toBe("OK");
    for (const who of ["othersponsor", "otherregulator", "investigator", "patA"])
      expect(await appError(exportBundleAs(people[who]!, LOG)), who).toBe("NOT_FOUND");
    expect(await appError(exportBundleAs(people.admin!, "TP-2026-9999"))).toBe("NOT_FOUND");
  });

  it("lists every leaf in order against the latest confirmed checkpoint, and verifies against the chain", async () => {
    const bundle = await exportBundleAs(people.regulator!, LOG);
    const parsed = parseAuditBundle(JSON.parse(JSON.stringify(bundle)));
    expect(parsed.ok).toBe(true);
    expect(bundle.checkpoint.treeSize).toBe(6);
    expect(bundle.leaves.map((l) => l.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(bundle.leaves.filter((l) => l.envelope === null).map((l) => l.index)).toEqual([1, 3, 5]); // erased above
    const result = await verifyBundleOnChain(ledger.reader, bundle);
    expect(result.report.reasons).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.report.records.map((r) => r.verdict)).toEqual(["ok", "redacted", "ok", "redacted", "ok", "redacted"]);
  });

  it("an earlier bundle still verifies against its own checkpoint after the chain moved on; against the latest it lacks records", async () => {
    const earlier = await exportBundleAs(people.admin!, LOG);
    await appendRecords(database, LOG, [
      { kind: "protocol.status", actor: { role: "sponsor", id: "usr_sponsor01" }, body: { status: "recruiting" } },
      {
        kind: "protocol.status",
        actor: { role: "sponsor", id: "usr_sponsor01" },
        body: { status: "active_not_recruiting" },
      },
    ]);
    await anchorDirectlyForTest(database, ledger, LOG, 8);
    const asExported = await verifyBundleOnChain(ledger.reader, earlier);
    expect(asExported.ok).toBe(true);
    expect(asExported.verifiedAgainst.treeSize).toBe(6);
    expect(asExported.notes.join(" ")).toMatch(/latest size 8/);
    const againstLatest = await verifyBundleOnChain(ledger.reader, earlier, { against: "latest" });
    expect(againstLatest.ok).toBe(false);
    expect(againstLatest.report.records.filter((r) => r.verdict === "missing").map((r) => r.index)).toEqual([6, 7]);
    expect((await exportBundleAs(people.admin!, LOG)).checkpoint.treeSize).toBe(8);
  });

  it("names a chain or contract mismatch", async () => {
    const bundle = await exportBundleAs(people.admin!, LOG);
    const elsewhere = await verifyBundleOnChain(ledger.reader, {
      ...bundle,
      chain: { chainId: 1, contract: bundle.chain.contract },
    });
    expect(elsewhere.ok).toBe(false);
    expect(elsewhere.problems.join(" ")).toMatch(/bundle is for chain 1/);
  });
});

describe("a tampered stored log", () => {
  it("refuses a receipt when the stored log no longer matches the anchored checkpoint", async () => {
    await database.$asOwner(async (owner) => {
      await owner.execute(sql`alter table log_leaf disable trigger log_leaf_no_update_delete`);
      try {
        await owner.execute(sql`update log_leaf set leaf_hash = ${Buffer.alloc(32, 9)} where log_id = ${LOG} and idx = 3`);
      } finally {
        await owner.execute(sql`alter table log_leaf enable always trigger log_leaf_no_update_delete`);
      }
    });
    await expect(getRecordReceipt(people.admin!, LOG, 3)).rejects.toThrow(/no longer matches its anchored checkpoint/);
    expect((await getRecord(people.admin!, LOG, 3)).anchoring.status).toBe("mismatch");
  });
});
