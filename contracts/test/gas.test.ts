/**
 * Gas snapshot: measures gasUsed of TrialLedger's main operations in a fixed scenario and compares them with the
 * committed contracts/gas-snapshot.json. Fails if any figure moves by more than 2% (or if the set of figures
 * changes). `UPDATE_GAS_SNAPSHOT=1` rewrites the snapshot instead.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { encodeFunctionData, keccak256, toBytes, type Hex } from "viem";
import { describe, expect, it } from "vitest";
import { trialLedgerAbi, trialLedgerBytecode } from "@/lib/chain/generated/trial-ledger";
import { chainTrialId, publicIdHash } from "@/lib/chain/trial-id";
import { deploy, mined, testChain } from "./chain";
import { hex, MerkleLog } from "./merkle";

const SNAPSHOT_FILE = path.resolve(fileURLToPath(new URL(".", import.meta.url)), "../gas-snapshot.json");
const TOLERANCE = 0.02;
const abi = trialLedgerAbi;

interface Snapshot {
  description: string;
  gasUsed: Record<string, number>;
}

async function measure(): Promise<Record<string, number>> {
  const chain = testChain();
  const sponsor = chain.wallet(1);
  const anchorer = chain.wallet(2);
  const gas: Record<string, number> = {};
  const used = async (hash: Hex) => Number((await mined(hash)).gasUsed);

  const { address: ledger, receipt: deployReceipt } = await deploy(abi, trialLedgerBytecode);
  gas["deploy"] = Number(deployReceipt.gasUsed);

  const log = MerkleLog.synthetic(2000, "gas");
  const [oldSize, newSize] = [1004, 2000];
  const proof = log.consistencyProof(oldSize, newSize);
  expect(proof).toHaveLength(10);

  // registerTrial takes the public id's hash; every later call takes the id the contract derives from it.
  const register = async (publicId: string): Promise<{ hash: Hex; trialId: Hex }> => ({
    hash: await sponsor.writeContract({
      address: ledger,
      abi,
      functionName: "registerTrial",
      args: [publicIdHash(publicId), keccak256(toBytes("protocol v1")), anchorer.account.address],
    }),
    trialId: chainTrialId(sponsor.account.address, publicId),
  });

  const first = await register("TP-GAS-0001");
  const id = first.trialId;
  gas["registerTrial"] = await used(first.hash);
  gas["amendProtocol"] = await used(
    await sponsor.writeContract({
      address: ledger,
      abi,
      functionName: "amendProtocol",
      args: [id, keccak256(toBytes("protocol v2"))],
    }),
  );
  gas["setAnchorer"] = await used(
    await sponsor.writeContract({
      address: ledger,
      abi,
      functionName: "setAnchorer",
      args: [id, anchorer.account.address],
    }),
  );
  gas["checkpoint (first, no proof)"] = await used(
    await anchorer.writeContract({
      address: ledger,
      abi,
      functionName: "checkpoint",
      args: [id, BigInt(oldSize), hex(log.root(oldSize)), []],
    }),
  );
  gas["checkpoint (10-hash consistency proof)"] = await used(
    await anchorer.writeContract({
      address: ledger,
      abi,
      functionName: "checkpoint",
      args: [id, BigInt(newSize), hex(log.root(newSize)), proof.map(hex)],
    }),
  );
  const inclusion = log.inclusionProof(700, newSize);
  gas["verifyInclusion (11-hash proof, eth_estimateGas)"] = Number(
    await chain.client.estimateGas({
      account: anchorer.account,
      to: ledger,
      data: encodeFunctionData({
        abi,
        functionName: "verifyInclusion",
        args: [id, hex(log.leaves[700]!), 700n, inclusion.map(hex)],
      }),
    }),
  );
  expect(
    await chain.client.readContract({
      address: ledger,
      abi,
      functionName: "verifyInclusion",
      args: [id, hex(log.leaves[700]!), 700n, inclusion.map(hex)],
    }),
  ).toBe(true);

  const ids: Hex[] = [];
  for (let i = 0; i < 10; i++) {
    const { hash, trialId } = await register(`TP-GAS-BATCH-${i}`);
    await mined(hash);
    ids.push(trialId);
  }
  const batch = (entries: { trialId: Hex; treeSize: bigint; rootHash: Hex; consistencyProof: Hex[] }[]) =>
    anchorer.writeContract({ address: ledger, abi, functionName: "checkpointBatch", args: [entries] });
  gas["checkpointBatch (10 trials, first, no proofs)"] = await used(
    await batch(
      ids.map((trialId) => ({
        trialId,
        treeSize: BigInt(oldSize),
        rootHash: hex(log.root(oldSize)),
        consistencyProof: [],
      })),
    ),
  );
  gas["checkpointBatch (10 trials, 10-hash proofs each)"] = await used(
    await batch(
      ids.map((trialId) => ({
        trialId,
        treeSize: BigInt(newSize),
        rootHash: hex(log.root(newSize)),
        consistencyProof: proof.map(hex),
      })),
    ),
  );
  return gas;
}

describe("gas snapshot", () => {
  it(`matches contracts/gas-snapshot.json within ${TOLERANCE * 100}%`, async () => {
    const measured = await measure();
    const lines = Object.entries(measured).map(([k, v]) => `  ${k.padEnd(52)} ${String(v).padStart(9)}`);
    process.stdout.write(`TrialLedger gas used:\n${lines.join("\n")}\n`);

    if (process.env.UPDATE_GAS_SNAPSHOT === "1") {
      const snapshot: Snapshot = {
        description:
          "TrialLedger gasUsed (solc 0.8.37, optimizer 200 runs, evmVersion osaka, Hardhat node). " +
          "Checked by contracts/test/gas.test.ts (tolerance 2%); regenerate with UPDATE_GAS_SNAPSHOT=1.",
        gasUsed: measured,
      };
      writeFileSync(SNAPSHOT_FILE, `${JSON.stringify(snapshot, null, 2)}\n`);
      return;
    }

    expect(existsSync(SNAPSHOT_FILE), `missing ${SNAPSHOT_FILE}; run with UPDATE_GAS_SNAPSHOT=1`).toBe(true);
    const snapshot = JSON.parse(readFileSync(SNAPSHOT_FILE, "utf8")) as Snapshot;
    expect(Object.keys(measured).sort(), "the set of measured operations changed; run with UPDATE_GAS_SNAPSHOT=1").toEqual(
      Object.keys(snapshot.gasUsed).sort(),
    );
    const moved = Object.entries(measured)
      .map(([name, value]) => ({ name, value, committed: snapshot.gasUsed[name]! }))
      .filter(({ value, committed }) => Math.abs(value - committed) > committed * TOLERANCE)
      .map(({ name, value, committed }) => `${name}: ${committed} -> ${value} (${(((value - committed) / committed) * 100).toFixed(1)}%)`);
    expect(moved, "gas moved by more than 2%; if intended, run with UPDATE_GAS_SNAPSHOT=1").toEqual([]);
  });
});
