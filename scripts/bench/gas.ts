/**
 * Figure 2: gas per record of anchoring on TrialLedger. A checkpoint of 1,000 new leaves (one transaction, with
 * the RFC 9162 consistency proof from the previous checkpoint, verified on chain) and a checkpointBatch of several
 * trials with 1,000 new leaves each, versus one checkpoint per record (the tree growing by one leaf per
 * transaction): the cheapest honest per-record commitment the contract accepts, since every checkpoint after a
 * trial's first must carry a consistency proof, and a trial's first checkpoint costs fresh storage on top.
 *
 * Leaves are real leaf hashes of outcome records built with lib/integrity; the chain is a Hardhat node of our own.
 */
import { eq } from "drizzle-orm";
import type { Hash, Hex } from "viem";
import { deployTrialLedger } from "@/lib/chain/deploy";
import { trialLedgerAbi } from "@/lib/chain/generated/trial-ledger";
import { hardhatDevPrivateKey, LOCAL_CHAIN_ID, startHardhatNode, type HardhatNode } from "@/lib/chain/local-node";
import { chainTrialId, publicIdHash } from "@/lib/chain/trial-id";
import {
  buildEnvelope,
  canonicalize,
  consistencyProof,
  inclusionProof,
  leafHash,
  randomSalt,
  rootFromLeafHashes,
  type Hex as IntegrityHex,
} from "@/lib/integrity";
import type { Database } from "@/lib/db/open";
import { log } from "@/lib/db/schema";
import { consistencyProofFromDb, rootAtSizeFromDb } from "@/lib/server/log/read-proofs";
import { devChainClients, minedOrThrow } from "@/lib/testing/test-ledger";
import { outcomeInput, progress } from "./support";

export const BENCH_CHAIN_PORT = 8590;
const abi = trialLedgerAbi;

export interface ScaleGasResult {
  logSize: number;
  newLeaves: number;
  single: { gasUsed: number; perRecord: number; proofLength: number };
  batch: { trials: number; gasUsed: number; perRecord: number };
  /** One checkpoint per record over the log's last leaves (proofs from the database). */
  perRecordTx: { transactions: number; mean: number; min: number; max: number };
}

export interface GasResult {
  leavesPerCheckpoint: number;
  /** Single-trial checkpoints of `leavesPerCheckpoint` new leaves each (after the trial's first). */
  single: { gasUsed: number[]; proofLengths: number[]; perRecord: number };
  batch: { trials: number; gasUsed: number; perRecord: number; proofLength: number };
  perRecordTx: { transactions: number; fromSize: number; gasUsed: number[]; mean: number; min: number; max: number };
  /** Intrinsic gas of any Ethereum transaction: the floor of any one-transaction-per-record scheme. */
  txFloor: number;
  contract: Hex;
  chainChecks: string[];
}

/** Leaf hashes of `count` real outcome records of one trial. */
function trialLeaves(publicId: string, count: number, seed: number): IntegrityHex[] {
  const out: IntegrityHex[] = [];
  for (let i = 0; i < count; i++) {
    const input = outcomeInput(seed + i);
    const envelope = buildEnvelope({
      kind: input.kind,
      trial: publicId,
      actor: input.actor,
      subject: input.subject,
      body: input.body as never,
      at: new Date(Date.parse("2026-03-02T08:00:00.000Z") + i * 1000).toISOString(),
      salt: randomSalt(),
    } as Parameters<typeof buildEnvelope>[0]);
    out.push(leafHash(canonicalize(envelope)));
  }
  return out;
}

export async function startBenchChain(): Promise<HardhatNode> {
  return startHardhatNode({ port: BENCH_CHAIN_PORT, readyTimeoutMs: 90_000 });
}

export interface ChainContext {
  ledger: Hex;
  checkpoint(publicId: string, size: number, root: IntegrityHex, proof: readonly IntegrityHex[]): Promise<number>;
  checkpointBatch(requests: readonly { publicId: string; size: number; root: IntegrityHex; proof: readonly IntegrityHex[] }[]): Promise<number>;
  register(publicId: string, protocolHash: IntegrityHex): Promise<number>;
  latest(publicId: string): Promise<{ treeSize: number; rootHash: Hex }>;
  verifyInclusion(publicId: string, leaf: IntegrityHex, index: number, proof: readonly IntegrityHex[]): Promise<boolean>;
}

/** Deploys TrialLedger from dev account 0; trials are registered by a sponsor (account 1) with account 2 as anchorer. */
export async function connectChain(node: HardhatNode): Promise<ChainContext> {
  const { client: publicClient, wallet } = devChainClients(node.url, { timeout: 60_000 });
  const sponsor = wallet(1);
  const anchorer = wallet(2);
  const { address: ledger } = await deployTrialLedger({
    rpcUrl: node.url,
    chainId: LOCAL_CHAIN_ID,
    deployerKey: hardhatDevPrivateKey(0),
  });
  const idOf = (publicId: string) => chainTrialId(sponsor.account.address, publicId);
  const mined = async (hash: Hash) => Number((await minedOrThrow(publicClient, hash)).gasUsed);
  return {
    ledger,
    register: async (publicId, protocolHash) =>
      mined(
        await sponsor.writeContract({
          address: ledger,
          abi,
          functionName: "registerTrial",
          args: [publicIdHash(publicId), protocolHash, anchorer.account.address],
        }),
      ),
    checkpoint: async (publicId, size, root, proof) =>
      mined(
        await anchorer.writeContract({
          address: ledger,
          abi,
          functionName: "checkpoint",
          args: [idOf(publicId), BigInt(size), root, [...proof]],
        }),
      ),
    checkpointBatch: async (requests) =>
      mined(
        await anchorer.writeContract({
          address: ledger,
          abi,
          functionName: "checkpointBatch",
          args: [
            requests.map((r) => ({
              trialId: idOf(r.publicId),
              treeSize: BigInt(r.size),
              rootHash: r.root,
              consistencyProof: [...r.proof],
            })),
          ],
        }),
      ),
    latest: async (publicId) => {
      const [treeSize, rootHash] = await publicClient.readContract({
        address: ledger,
        abi,
        functionName: "latestCheckpoint",
        args: [idOf(publicId)],
      });
      return { treeSize: Number(treeSize), rootHash };
    },
    verifyInclusion: (publicId, leaf, index, proof) =>
      publicClient.readContract({
        address: ledger,
        abi,
        functionName: "verifyInclusion",
        args: [idOf(publicId), leaf, BigInt(index), [...proof]],
      }),
  };
}

export async function benchGas(
  ctx: ChainContext,
  opts: { batchTrials: number; perRecordTxs: number; singleCheckpoints: number },
): Promise<GasResult> {
  const N = 1000;
  // protocolHash is the leaf hash of the protocol.version record; any real leaf hash serves here.
  const register = (publicId: string, leaves: readonly IntegrityHex[]) => ctx.register(publicId, leaves[0]!);
  const checkpoint = (publicId: string, leaves: readonly IntegrityHex[], size: number, from: number) =>
    ctx.checkpoint(publicId, size, rootFromLeafHashes(leaves.slice(0, size)), from === 0 ? [] : consistencyProof(leaves.slice(0, size), from));
  const chainChecks: string[] = [];
  const expectCheckpoint = async (publicId: string, leaves: readonly IntegrityHex[], size: number) => {
    const { treeSize, rootHash } = await ctx.latest(publicId);
    const want = rootFromLeafHashes(leaves.slice(0, size));
    if (treeSize !== size || rootHash !== want) throw new Error(`${publicId}: chain holds (${treeSize}, ${rootHash}), expected (${size}, ${want})`);
    const index = Math.floor(size / 3);
    if (!(await ctx.verifyInclusion(publicId, leaves[index]!, index, inclusionProof(leaves.slice(0, size), index)))) {
      throw new Error(`${publicId}: verifyInclusion(${index}) returned false against the stored checkpoint`);
    }
    chainChecks.push(`${publicId} at ${size}`);
  };

  // --- single checkpoints of N new leaves ---------------------------------------------------------------
  const single = "TP-2026-2001";
  const singleLeaves = trialLeaves(single, N * (opts.singleCheckpoints + 1), 0);
  await register(single, singleLeaves);
  await checkpoint(single, singleLeaves, N, 0); // the trial's first checkpoint: no proof, not measured
  const singleGas: number[] = [];
  const proofLengths: number[] = [];
  for (let k = 1; k <= opts.singleCheckpoints; k++) {
    proofLengths.push(consistencyProof(singleLeaves.slice(0, (k + 1) * N), k * N).length);
    singleGas.push(await checkpoint(single, singleLeaves, (k + 1) * N, k * N));
  }
  await expectCheckpoint(single, singleLeaves, (opts.singleCheckpoints + 1) * N);
  progress(`  [2] checkpoint of ${N} new leaves: ${singleGas.join(", ")} gas`);

  // --- checkpointBatch: several trials, N new leaves each ------------------------------------------------
  const batchIds = Array.from({ length: opts.batchTrials }, (_, i) => `TP-2026-${String(3001 + i)}`);
  const batchLeaves = batchIds.map((id, i) => trialLeaves(id, 2 * N, 100_000 * (i + 1)));
  for (let i = 0; i < batchIds.length; i++) await register(batchIds[i]!, batchLeaves[i]!);
  const request = (i: number, size: number, from: number) => ({
    publicId: batchIds[i]!,
    size,
    root: rootFromLeafHashes(batchLeaves[i]!.slice(0, size)),
    proof: from === 0 ? [] : consistencyProof(batchLeaves[i]!.slice(0, size), from),
  });
  await ctx.checkpointBatch(batchIds.map((_, i) => request(i, N, 0)));
  const batchRequests = batchIds.map((_, i) => request(i, 2 * N, N));
  const batchGas = await ctx.checkpointBatch(batchRequests);
  for (let i = 0; i < batchIds.length; i++) await expectCheckpoint(batchIds[i]!, batchLeaves[i]!, 2 * N);
  progress(`  [2] checkpointBatch of ${batchIds.length} trials x ${N} new leaves: ${batchGas} gas`);

  // --- one checkpoint per record, in the same size range ------------------------------------------------
  const perRecord = "TP-2026-2002";
  const fromSize = N;
  const perRecordLeaves = trialLeaves(perRecord, fromSize + opts.perRecordTxs, 500_000);
  await register(perRecord, perRecordLeaves);
  await checkpoint(perRecord, perRecordLeaves, fromSize, 0);
  const perRecordGas: number[] = [];
  for (let s = fromSize; s < fromSize + opts.perRecordTxs; s++) perRecordGas.push(await checkpoint(perRecord, perRecordLeaves, s + 1, s));
  await expectCheckpoint(perRecord, perRecordLeaves, fromSize + opts.perRecordTxs);
  const mean = perRecordGas.reduce((a, b) => a + b, 0) / perRecordGas.length;
  progress(`  [2] one checkpoint per record (${opts.perRecordTxs} txs from size ${fromSize}): mean ${mean.toFixed(0)} gas`);

  return {
    leavesPerCheckpoint: N,
    single: {
      gasUsed: singleGas,
      proofLengths,
      perRecord: singleGas.reduce((a, b) => a + b, 0) / singleGas.length / N,
    },
    batch: {
      trials: batchIds.length,
      gasUsed: batchGas,
      perRecord: batchGas / (batchIds.length * N),
      proofLength: batchRequests[0]!.proof.length,
    },
    perRecordTx: {
      transactions: perRecordGas.length,
      fromSize,
      gasUsed: perRecordGas,
      mean,
      min: Math.min(...perRecordGas),
      max: Math.max(...perRecordGas),
    },
    txFloor: 21_000,
    contract: ctx.ledger,
    chainChecks,
  };
}

/**
 * The same at scale: anchoring the last `newLeaves` leaves of a large log from the database (roots and the
 * consistency proof from stored subtrees, as the anchoring worker gets them), once alone and once in a batch of
 * `batchTrials` trials. The batch's trials anchor the same log's roots under their own chain ids: gas depends on
 * the sizes and proof lengths, not on the hash values.
 */
export async function benchGasAtScale(
  ctx: ChainContext,
  database: Database,
  opts: { logId: string; newLeaves: number; batchTrials: number; perRecordTxs: number },
): Promise<ScaleGasResult> {
  const { logId, newLeaves } = opts;
  const [head] = await database.select({ size: log.size }).from(log).where(eq(log.id, logId));
  if (!head) throw new Error(`no log ${logId}`);
  const size = head.size;
  const from = size - newLeaves;
  const [rootFrom, rootTo, proof] = await Promise.all([
    rootAtSizeFromDb(database, logId, from),
    rootAtSizeFromDb(database, logId, size),
    consistencyProofFromDb(database, logId, from, size),
  ]);
  const ids = Array.from({ length: opts.batchTrials + 1 }, (_, i) => `TP-2026-${String(4001 + i)}`);
  for (const id of ids) await ctx.register(id, rootFrom);
  await ctx.checkpointBatch(ids.map((publicId) => ({ publicId, size: from, root: rootFrom, proof: [] })));
  const singleGas = await ctx.checkpoint(ids[0]!, size, rootTo, proof);
  const batchGas = await ctx.checkpointBatch(ids.slice(1).map((publicId) => ({ publicId, size, root: rootTo, proof })));
  for (const id of ids) {
    const latest = await ctx.latest(id);
    if (latest.treeSize !== size || latest.rootHash !== rootTo)
      throw new Error(`${id}: chain holds (${latest.treeSize}, ${latest.rootHash}), expected (${size}, ${rootTo})`);
  }

  // Baseline at the same scale: a trial anchored one record at a time over the log's last leaves.
  const perRecordId = `TP-2026-${String(4001 + ids.length)}`;
  const start = size - opts.perRecordTxs;
  await ctx.register(perRecordId, rootFrom);
  await ctx.checkpoint(perRecordId, start, await rootAtSizeFromDb(database, logId, start), []);
  const perRecordGas: number[] = [];
  for (let s = start; s < size; s++) {
    const [root, step] = await Promise.all([rootAtSizeFromDb(database, logId, s + 1), consistencyProofFromDb(database, logId, s, s + 1)]);
    perRecordGas.push(await ctx.checkpoint(perRecordId, s + 1, root, step));
  }
  const latest = await ctx.latest(perRecordId);
  if (latest.treeSize !== size || latest.rootHash !== rootTo)
    throw new Error(`${perRecordId}: chain holds (${latest.treeSize}, ${latest.rootHash}), expected (${size}, ${rootTo})`);
  const mean = perRecordGas.reduce((a, b) => a + b, 0) / perRecordGas.length;
  progress(
    `  [2] at ${size.toLocaleString("en-US")} leaves: checkpoint ${singleGas} gas (${proof.length}-hash proof), batch of ${opts.batchTrials}: ${batchGas} gas, ` +
      `one checkpoint per record: mean ${mean.toFixed(0)} gas`,
  );
  return {
    logSize: size,
    newLeaves,
    single: { gasUsed: singleGas, perRecord: singleGas / newLeaves, proofLength: proof.length },
    batch: { trials: opts.batchTrials, gasUsed: batchGas, perRecord: batchGas / (opts.batchTrials * newLeaves) },
    perRecordTx: {
      transactions: perRecordGas.length,
      mean,
      min: Math.min(...perRecordGas),
      max: Math.max(...perRecordGas),
    },
  };
}
