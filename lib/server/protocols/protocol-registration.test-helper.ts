// Shared by the protocol registration integration tests (imported by *.int.test.ts only): a fresh database and a
// real Hardhat chain with the TrialLedger, two sponsor organizations, a site and a regulator, and the sponsor's own
// transactions sent from its wallet.
import { asc, eq } from "drizzle-orm";
import { expect } from "vitest";
import type { Hex } from "viem";
import type { Database } from "@/lib/db/open";
import { logLeaf, membership, organization, protocolPreparation, protocolVersion, trial, user, walletAddress } from "@/lib/db/schema";
import { publicIdHash } from "@/lib/chain/trial-id";
import { trialLedgerAbi } from "@/lib/chain/generated/trial-ledger";
import { writeChainBinding } from "@/lib/runtime/chain-binding";
import type { TProtocol } from "@/lib/schemas/protocol";
import type { Viewer } from "@/lib/server/auth/viewer";
import { freshDatabase } from "@/lib/testing/fresh-database";
import { chainTrialIdForTest, startTestLedger, type TestLedger } from "@/lib/testing/test-ledger";
import { viewerFor } from "@/lib/testing/viewer";

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
    primaryOutcomes: [
      {
        title: "Change in seated systolic BP",
        measure: "Seated systolic blood pressure, mm Hg",
        timeFrame: "Baseline to week 12",
      },
    ],
    secondaryOutcomes: [
      {
        title: "Change in diastolic BP",
        measure: "Seated diastolic blood pressure, mm Hg",
        timeFrame: "Baseline to week 12",
      },
    ],
    ...over,
  };
}

export interface RegistrationWorld {
  database: Database;
  drop: () => Promise<void>;
  ledger: TestLedger;
  /** Sponsor admin of org_sponsor01, with the ledger's sponsor wallet linked. */
  sponsor: Viewer;
  /** Sponsor admin of another organization (org_other01). */
  outsider: Viewer;
}

export async function startRegistrationWorld(): Promise<RegistrationWorld> {
  const [{ database, drop }, ledger] = await Promise.all([freshDatabase(), startTestLedger()]);
  process.env.RPC_URL = ledger.url;
  process.env.CHAIN_ID = "31337";
  delete process.env.ANCHORER_PRIVATE_KEY;
  await writeChainBinding(database, {
    chainId: 31337,
    ledgerAddress: ledger.contract,
    deployBlockNumber: "0",
    deployBlockHash: `0x${"0".repeat(64)}`,
  });
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
  await database.insert(walletAddress).values({
    id: "wal_sponsor01",
    userId: "usr_sponsor01",
    address: ledger.sponsor.account.address,
    chainId: 31337,
    isPrimary: true,
  });
  const sponsor = { ...(await viewerFor(database, "usr_sponsor01")), wallets: [ledger.sponsor.account.address] };
  const outsider = await viewerFor(database, "usr_other01");
  return { database, drop, ledger, sponsor, outsider };
}

/** The sponsor's own registerTrial / amendProtocol transaction, mined. */
export async function sponsorSends(
  ledger: TestLedger,
  functionName: "registerTrial" | "amendProtocol",
  publicId: string,
  protocolHash: Hex,
): Promise<Hex> {
  const hash =
    functionName === "registerTrial"
      ? await ledger.sponsor.writeContract({
          address: ledger.contract,
          abi: trialLedgerAbi,
          functionName,
          args: [publicIdHash(publicId), protocolHash, ledger.anchorer.account.address],
        })
      : await ledger.sponsor.writeContract({
          address: ledger.contract,
          abi: trialLedgerAbi,
          functionName,
          args: [chainTrialIdForTest(ledger, publicId), protocolHash],
        });
  const receipt = await ledger.client.waitForTransactionReceipt({ hash, pollingInterval: 20 });
  expect(receipt.status).toBe("success");
  return hash;
}

/** Everything a protocol action may write for one trial: an attack that is refused leaves all of it unchanged. */
export async function snapshot(database: Database, trialId: string) {
  const [t] = await database.select().from(trial).where(eq(trial.id, trialId));
  const versions = await database.select().from(protocolVersion).where(eq(protocolVersion.trialId, trialId)).orderBy(asc(protocolVersion.version));
  const preparations = await database
    .select()
    .from(protocolPreparation)
    .where(eq(protocolPreparation.trialId, trialId))
    .orderBy(asc(protocolPreparation.createdAt));
  const leaves = await database.select().from(logLeaf).where(eq(logLeaf.logId, t!.publicId)).orderBy(asc(logLeaf.idx));
  return { trial: t, versions, preparations, leaves: leaves.length, kinds: leaves.map((l) => l.kind) };
}
