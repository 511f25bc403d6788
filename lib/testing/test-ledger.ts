/**
 * Integration-test chain: a real Hardhat node on a free port (8570 and up), TrialLedger deployed, trials
 * registered by a sponsor wallet, and checkpoints written the way the anchoring worker writes them.
 *
 * `anchorDirectlyForTest` stands in for the anchoring worker: it calls the contract's `checkpoint` itself and
 * inserts the matching confirmed anchor_batch / checkpoint rows. Tests only.
 */
import net from "node:net";
import { randomBytes } from "node:crypto";
import { createPublicClient, createWalletClient, encodeFunctionData, http, type Account, type Address, type Chain, type Hex, type PublicClient, type Transport, type WalletClient } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { eq } from "drizzle-orm";
import type { Database } from "@/lib/db/open";
import { anchorBatch, checkpoint, log, membership, organization, trial, user } from "@/lib/db/schema";
import { deployTrialLedger } from "@/lib/chain/deploy";
import { hardhatDevPrivateKey, startHardhatNode, type HardhatNode } from "@/lib/chain/local-node";
import type { LedgerReader } from "@/lib/chain/read-checkpoints";
import { chainTrialId } from "@/lib/chain/trial-id";
import { trialLedgerAbi } from "@/lib/chain/generated/trial-ledger";
import { hexToBytes } from "@/lib/integrity";
import { consistencyProofFromDb, rootAtSizeFromDb } from "@/lib/server/log/read-proofs";

type Wallet = WalletClient<Transport, Chain, Account>;

export interface TestLedger {
  node: HardhatNode;
  url: string;
  client: PublicClient;
  contract: Address;
  reader: LedgerReader;
  /** Hardhat dev account 0: deploys and anchors (as in the embedded demo). */
  anchorer: Wallet;
  /** Hardhat dev account 1: the sponsor that registers trials. */
  sponsor: Wallet;
  stop(): Promise<void>;
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/** The first free port from `start` (other suites and engineers use 8545-8569 on this machine). */
export async function freePort(start = 8570): Promise<number> {
  for (let port = start; port < start + 200; port++) if (await portIsFree(port)) return port;
  throw new Error(`no free port in ${start}..${start + 199}`);
}

export async function startTestLedger(): Promise<TestLedger> {
  // Two suites starting at once could both see the same port free: retry on the next one.
  let node: HardhatNode | undefined;
  let port = await freePort(8570 + Math.floor(Math.random() * 20));
  for (let attempt = 0; !node; attempt++) {
    try {
      node = await startHardhatNode({ port });
    } catch (error) {
      if (attempt >= 4) throw error;
      port = await freePort(port + 1);
    }
  }
  const transport = http(node.url, { retryCount: 0 });
  const client = createPublicClient({ chain: hardhat, transport, pollingInterval: 20 }) as PublicClient;
  const wallet = (i: number): Wallet => createWalletClient({ account: privateKeyToAccount(hardhatDevPrivateKey(i)), chain: hardhat, transport, pollingInterval: 20 });
  const deployed = await deployTrialLedger({ rpcUrl: node.url, chainId: hardhat.id, deployerKey: hardhatDevPrivateKey(0) });
  const contract = deployed.address;
  const started = node;
  return {
    node,
    url: node.url,
    client,
    contract,
    reader: { client, contract },
    anchorer: wallet(0),
    sponsor: wallet(1),
    stop: () => started.stop(),
  };
}

/** Organization, sponsor user and trial rows for a trial with this public id (the log needs its trial). */
export async function createTrialForTest(database: Database, publicId: string): Promise<{ trialId: string; sponsorOrgId: string; sponsorUserId: string }> {
  const token = randomBytes(4).toString("hex");
  const sponsorOrgId = `org_sp${token}`;
  const sponsorUserId = `usr_sp${token}`;
  const trialId = `tri_${token}`;
  await database.insert(organization).values({ id: sponsorOrgId, name: `Sponsor ${token}`, kind: "sponsor" });
  await database.insert(user).values({ id: sponsorUserId, name: `Sponsor admin ${token}`, email: `sponsor-${token}@example.test`, emailVerified: true });
  await database.insert(membership).values({ id: `mem_${token}`, userId: sponsorUserId, organizationId: sponsorOrgId, role: "sponsor_admin" });
  await database.insert(trial).values({ id: trialId, publicId, title: `Trial ${publicId}`, sponsorOrgId, createdBy: sponsorUserId, status: "registered" });
  return { trialId, sponsorOrgId, sponsorUserId };
}

/** The sponsor registers the trial on chain with the anchorer's address (DESIGN §4). */
export async function registerTrialOnChainForTest(ledger: TestLedger, publicId: string, protocolHash: Hex): Promise<void> {
  const hash = await ledger.sponsor.writeContract({
    address: ledger.contract,
    abi: trialLedgerAbi,
    functionName: "registerTrial",
    args: [chainTrialId(publicId), protocolHash, ledger.anchorer.account.address],
  });
  const receipt = await ledger.client.waitForTransactionReceipt({ hash, pollingInterval: 20 });
  if (receipt.status !== "success") throw new Error(`registerTrial ${publicId} reverted`);
}

/**
 * Stands in for the anchoring worker: checkpoints the log at `treeSize` on chain (with the consistency proof
 * from the previous on-chain checkpoint, computed from the stored subtrees) and records the confirmed batch
 * and checkpoint rows. Returns the transaction.
 */
export async function anchorDirectlyForTest(database: Database, ledger: TestLedger, logId: string, treeSize: number): Promise<{ txHash: Hex; blockNumber: number }> {
  const [head] = await database.select({ chainTrialId: log.chainTrialId }).from(log).where(eq(log.id, logId));
  if (!head) throw new Error(`no log ${logId}`);
  const trialIdOnChain = head.chainTrialId as Hex;
  const [previous] = await ledger.client.readContract({ address: ledger.contract, abi: trialLedgerAbi, functionName: "latestCheckpoint", args: [trialIdOnChain] });
  const rootHash = await rootAtSizeFromDb(database, logId, treeSize);
  const proof = previous === 0n ? [] : await consistencyProofFromDb(database, logId, Number(previous), treeSize);
  const nonce = await ledger.client.getTransactionCount({ address: ledger.anchorer.account.address, blockTag: "pending" });
  const request = await ledger.anchorer.prepareTransactionRequest({
    to: ledger.contract,
    data: encodeFunctionData({ abi: trialLedgerAbi, functionName: "checkpoint", args: [trialIdOnChain, BigInt(treeSize), rootHash, proof] }),
    nonce,
  });
  const rawTx = await ledger.anchorer.signTransaction(request);
  const txHash = await ledger.client.sendRawTransaction({ serializedTransaction: rawTx });
  const receipt = await ledger.client.waitForTransactionReceipt({ hash: txHash, pollingInterval: 20 });
  if (receipt.status !== "success") throw new Error(`checkpoint ${logId}@${treeSize} reverted`);
  const batchId = `anb_${randomBytes(6).toString("hex")}`;
  await database.insert(anchorBatch).values({
    id: batchId,
    status: "confirmed",
    chainId: hardhat.id,
    contract: ledger.contract,
    anchorer: ledger.anchorer.account.address,
    nonce,
    txHash,
    rawTx,
    blockNumber: Number(receipt.blockNumber),
    blockHash: receipt.blockHash,
    sentAt: new Date(),
    confirmedAt: new Date(),
  });
  await database.insert(checkpoint).values({ logId, treeSize, rootHash: hexToBytes(rootHash, 32), batchId });
  return { txHash, blockNumber: Number(receipt.blockNumber) };
}
