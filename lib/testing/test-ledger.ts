/**
 * The test chain, in one place for the contract tests, the integration tests and the benchmarks: viem clients for
 * the local chain's dev accounts, a Hardhat node of our own on a free port (8570 and up) with TrialLedger deployed,
 * trials registered and amended by the sponsor wallet, and checkpoints written the way the anchoring worker writes
 * them.
 *
 * `anchorDirectlyForTest` stands in for the anchoring worker: it calls the contract's `checkpoint` itself and
 * inserts the matching confirmed anchor_batch / checkpoint rows. Tests only.
 */
import net from "node:net";
import { randomBytes } from "node:crypto";
import {
  createPublicClient,
  createWalletClient,
  encodeFunctionData,
  type Account,
  type Address,
  type Chain,
  type Hash,
  type Hex,
  type PublicClient,
  type TransactionReceipt,
  type Transport,
  type WalletClient,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { eq } from "drizzle-orm";
import type { Database } from "@/lib/db/open";
import { anchorBatch, checkpoint, log, membership, organization, trial, user } from "@/lib/db/schema";
import { chainFor, LOCAL_CHAIN_ID, rpcTransport } from "@/lib/chain/chain-definition";
import { deployTrialLedger } from "@/lib/chain/deploy";
import { hardhatDevPrivateKeys, startHardhatNode, type HardhatNode } from "@/lib/chain/local-node";
import type { LedgerReader } from "@/lib/chain/ledger-reader";
import { chainTrialId, publicIdHash } from "@/lib/chain/trial-id";
import { trialLedgerAbi } from "@/lib/chain/generated/trial-ledger";
import { hexToBytes } from "@/lib/integrity";
import { ensureLog, setChainRegistration } from "@/lib/server/log/ensure-log";
import { consistencyProofFromDb, rootAtSizeFromDb } from "@/lib/server/log/read-proofs";

export type TestWallet = WalletClient<Transport, Chain, Account>;

/** A public client and wallet clients of the local chain's dev accounts 0..9, all on one endpoint. */
export interface DevChainClients {
  url: string;
  client: PublicClient;
  wallets: TestWallet[];
  wallet(index: number): TestWallet;
}

/**
 * Clients for the local chain (31337) at `url`, polling every 20 ms. No retries: Hardhat reports reverts as
 * retryable internal errors, which would only slow every revert down.
 */
export function devChainClients(url: string, options: { timeout?: number } = {}): DevChainClients {
  const chain = chainFor({ chainId: LOCAL_CHAIN_ID, rpcUrl: url });
  const transport = rpcTransport(url, { retryCount: 0, timeout: options.timeout });
  const client = createPublicClient({ chain, transport, pollingInterval: 20 }) as PublicClient;
  const wallets = hardhatDevPrivateKeys().map((key) =>
    createWalletClient({ account: privateKeyToAccount(key), chain, transport, pollingInterval: 20 }),
  );
  return {
    url,
    client,
    wallets,
    wallet(index: number) {
      const w = wallets[index];
      if (!w) throw new Error(`no dev wallet ${index}`);
      return w;
    },
  };
}

/** Waits for a transaction; throws unless it succeeded. */
export async function minedOrThrow(client: PublicClient, hash: Hash, what = `transaction ${hash}`): Promise<TransactionReceipt> {
  const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 20 });
  if (receipt.status !== "success") throw new Error(`${what} reverted`);
  return receipt;
}

export interface TestLedger extends DevChainClients {
  node: HardhatNode;
  contract: Address;
  /** The block TrialLedger was deployed in. */
  deployBlock: bigint;
  reader: LedgerReader;
  /** Dev account 0: deploys and anchors (as in the embedded demo). */
  anchorer: TestWallet;
  /** Dev account 1: the sponsor that registers trials. */
  sponsor: TestWallet;
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

/** A Hardhat node on a free port from `firstPort` (default 8570..8589, at random). */
export async function startTestNode(firstPort = 8570 + Math.floor(Math.random() * 20)): Promise<HardhatNode> {
  // Two suites starting at once could both see the same port free: retry on the next one.
  let port = await freePort(firstPort);
  for (let attempt = 0; ; attempt++) {
    try {
      return await startHardhatNode({ port });
    } catch (error) {
      if (attempt >= 4) throw error;
      port = await freePort(port + 1);
    }
  }
}

/** A node of its own with TrialLedger deployed by dev account 0. */
export async function startTestLedger(): Promise<TestLedger> {
  const node = await startTestNode();
  try {
    const clients = devChainClients(node.url);
    const deployed = await deployTrialLedger({
      rpcUrl: node.url,
      chainId: LOCAL_CHAIN_ID,
      deployerKey: hardhatDevPrivateKeys()[0]!,
    });
    const contract = deployed.address;
    return {
      ...clients,
      node,
      contract,
      deployBlock: deployed.blockNumber,
      reader: { client: clients.client, contract },
      anchorer: clients.wallet(0),
      sponsor: clients.wallet(1),
      stop: () => node.stop(),
    };
  } catch (error) {
    await node.stop();
    throw error;
  }
}

/**
 * The rows trial logs hang on: one sponsor organization with its admin, a trial per public id (registered, so not a
 * draft) and each trial's log. For integration tests and the benchmarks.
 */
export async function createTrialsForTest(
  database: Database,
  publicIds: readonly string[],
): Promise<{ trialIds: string[]; sponsorOrgId: string; sponsorUserId: string }> {
  const token = randomBytes(4).toString("hex");
  const sponsorOrgId = `org_sp${token}`;
  const sponsorUserId = `usr_sp${token}`;
  const trialIds = publicIds.map((_, i) => `tri_${token}${i}`);
  await database.insert(organization).values({ id: sponsorOrgId, name: `Sponsor ${token}`, kind: "sponsor" });
  await database.insert(user).values({
    id: sponsorUserId,
    name: `Sponsor admin ${token}`,
    email: `sponsor-${token}@example.test`,
    emailVerified: true,
  });
  await database.insert(membership).values({ id: `mem_${token}`, userId: sponsorUserId, organizationId: sponsorOrgId, role: "sponsor_admin" });
  await database.insert(trial).values(
    publicIds.map((publicId, i) => ({
      id: trialIds[i]!,
      publicId,
      title: `Trial ${publicId}`,
      sponsorOrgId,
      createdBy: sponsorUserId,
      status: "not_yet_recruiting" as const,
    })),
  );
  for (const publicId of publicIds) await ensureLog(database, publicId);
  return { trialIds, sponsorOrgId, sponsorUserId };
}

/** One trial's rows (see createTrialsForTest). */
export async function createTrialForTest(
  database: Database,
  publicId: string,
): Promise<{ trialId: string; sponsorOrgId: string; sponsorUserId: string }> {
  const { trialIds, sponsorOrgId, sponsorUserId } = await createTrialsForTest(database, [publicId]);
  return { trialId: trialIds[0]!, sponsorOrgId, sponsorUserId };
}

/** The id TrialLedger derives when `sponsor` (default: the test sponsor) registers `publicId` (docs/ledger.md#trial-ids). */
export const chainTrialIdForTest = (ledger: TestLedger, publicId: string, sponsor = ledger.sponsor) =>
  chainTrialId(sponsor.account.address, publicId);

/**
 * The sponsor registers the trial on chain with the anchorer's address (docs/ledger.md#protocol-versions). With
 * `database`, the log head also records the registration, as the portal's confirmation does, so the log can be
 * anchored and receipted; without it, only the chain knows (the confirmation under test is to record it).
 */
export async function registerTrialOnChainForTest(
  ledger: TestLedger,
  publicId: string,
  protocolHash: Hex,
  opts: { sponsor?: TestWallet; database?: Database } = {},
): Promise<TransactionReceipt> {
  const sponsor = opts.sponsor ?? ledger.sponsor;
  const hash = await sponsor.writeContract({
    address: ledger.contract,
    abi: trialLedgerAbi,
    functionName: "registerTrial",
    args: [publicIdHash(publicId), protocolHash, ledger.anchorer.account.address],
  });
  const receipt = await minedOrThrow(ledger.client, hash, `registerTrial ${publicId}`);
  if (opts.database) await setChainRegistration(opts.database, publicId, sponsor.account.address);
  return receipt;
}

/** The sponsor commits the trial's next protocol version on chain. */
export async function amendProtocolOnChainForTest(
  ledger: TestLedger,
  publicId: string,
  protocolHash: Hex,
  sponsor = ledger.sponsor,
): Promise<TransactionReceipt> {
  const hash = await sponsor.writeContract({
    address: ledger.contract,
    abi: trialLedgerAbi,
    functionName: "amendProtocol",
    args: [chainTrialId(sponsor.account.address, publicId), protocolHash],
  });
  return minedOrThrow(ledger.client, hash, `amendProtocol ${publicId}`);
}

/**
 * Stands in for the anchoring worker: checkpoints the log at `treeSize` on chain (with the consistency proof
 * from the previous on-chain checkpoint, computed from the stored subtrees) and records the confirmed batch
 * and checkpoint rows. Returns the transaction.
 */
export async function anchorDirectlyForTest(
  database: Database,
  ledger: TestLedger,
  logId: string,
  treeSize: number,
): Promise<{ txHash: Hex; blockNumber: number }> {
  const [head] = await database.select({ chainTrialId: log.chainTrialId }).from(log).where(eq(log.id, logId));
  if (!head?.chainTrialId) throw new Error(`no log ${logId} registered on chain (registerTrialOnChainForTest with the database)`);
  const trialIdOnChain = head.chainTrialId as Hex;
  const [previous] = await ledger.client.readContract({
    address: ledger.contract,
    abi: trialLedgerAbi,
    functionName: "latestCheckpoint",
    args: [trialIdOnChain],
  });
  const rootHash = await rootAtSizeFromDb(database, logId, treeSize);
  const proof = previous === 0n ? [] : await consistencyProofFromDb(database, logId, Number(previous), treeSize);
  const nonce = await ledger.client.getTransactionCount({
    address: ledger.anchorer.account.address,
    blockTag: "pending",
  });
  const request = await ledger.anchorer.prepareTransactionRequest({
    to: ledger.contract,
    data: encodeFunctionData({
      abi: trialLedgerAbi,
      functionName: "checkpoint",
      args: [trialIdOnChain, BigInt(treeSize), rootHash, proof],
    }),
    nonce,
  });
  const rawTx = await ledger.anchorer.signTransaction(request);
  const txHash = await ledger.client.sendRawTransaction({ serializedTransaction: rawTx });
  const receipt = await minedOrThrow(ledger.client, txHash, `checkpoint ${logId}@${treeSize}`);
  const batchId = `anb_${randomBytes(6).toString("hex")}`;
  await database.insert(anchorBatch).values({
    id: batchId,
    status: "confirmed",
    chainId: LOCAL_CHAIN_ID,
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
