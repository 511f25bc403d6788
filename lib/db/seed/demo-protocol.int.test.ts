// The embedded demo's registered trial goes through the same path as a real registration: a complete protocol,
// its protocol.version record committed on chain by the demo sponsor's wallet, then listed in the public registry.
import { afterAll, beforeAll, expect, it } from "vitest";
import { Fhir } from "fhir";
import { canonicalize, leafHash } from "@/lib/integrity";
import type { Database } from "@/lib/db/open";
import { writeChainBinding } from "@/lib/runtime/chain-binding";
import { freshDatabase } from "@/lib/testing/fresh-database";
import { registerTrialOnChainForTest, startTestLedger, type TestLedger } from "@/lib/testing/test-ledger";
import { exportProtocolFhir } from "@/lib/server/protocols/export-protocol-fhir";
import { getProtocolEnvelope } from "@/lib/server/protocols/get-protocol-envelope";
import { getPublicTrial } from "@/lib/server/protocols/get-public-trial";
import { listRegistryTrials } from "@/lib/server/protocols/list-registry-trials";
import { DEMO_PERSONAS, DEMO_REGISTERED_TRIAL } from "./demo-data";
import { confirmDemoProtocol, seedDemoTrialLog } from "./demo-trial-log";
import { seedDemo } from "./seed-demo";

let database: Database;
let drop: () => Promise<void>;
let ledger: TestLedger;

beforeAll(async () => {
  [{ database, drop }, ledger] = await Promise.all([freshDatabase(), startTestLedger()]);
  await writeChainBinding(database, {
    chainId: 31337,
    ledgerAddress: ledger.contract,
    deployBlockNumber: "0",
    deployBlockHash: `0x${"0".repeat(64)}`,
  });
});
afterAll(async () => {
  await Promise.all([drop?.(), ledger?.stop()]);
});

it("registers the demo protocol on chain and lists it in the public registry", async () => {
  await seedDemo(database, Object.fromEntries(DEMO_PERSONAS.map((p) => [p.key, "demo-password-for-tests"])), 31337);
  const { protocolHash } = await seedDemoTrialLog(database);
  expect((await listRegistryTrials({ page: 1, pageSize: 20 }, database)).total).toBe(0);
  await registerTrialOnChainForTest(ledger, DEMO_REGISTERED_TRIAL.publicId, protocolHash);
  const [event] = await ledger.client.getContractEvents({
    address: ledger.contract,
    abi: (await import("@/lib/chain/generated/trial-ledger")).trialLedgerAbi,
    eventName: "TrialRegistered",
    fromBlock: 0n,
  });
  const receipt = await ledger.client.getTransactionReceipt({ hash: event!.transactionHash });
  const block = await ledger.client.getBlock({ blockNumber: receipt.blockNumber });
  await confirmDemoProtocol(database, {
    txHash: receipt.transactionHash,
    blockNumber: receipt.blockNumber,
    blockTimestamp: new Date(Number(block.timestamp) * 1000),
    sender: receipt.from,
  });

  const list = await listRegistryTrials({ page: 1, pageSize: 20, q: "amlodipine" }, database);
  expect(list.items.map((t) => t.publicId)).toEqual([DEMO_REGISTERED_TRIAL.publicId]);
  const page = await getPublicTrial(DEMO_REGISTERED_TRIAL.publicId);
  expect(page.trial.status).toBe("recruiting");
  expect(page.versions[0]).toMatchObject({ version: 1, leafHash: protocolHash, txHash: receipt.transactionHash });
  expect(leafHash(canonicalize(await getProtocolEnvelope(DEMO_REGISTERED_TRIAL.publicId, 1)))).toBe(event!.args.protocolHash);
  expect(new Fhir().validate(JSON.parse(JSON.stringify(await exportProtocolFhir(DEMO_REGISTERED_TRIAL.publicId)))).valid).toBe(true);
});
