/**
 * The anchoring worker against a real Hardhat node and a fresh database (PostgreSQL with DATABASE_URL, PGlite
 * otherwise). Crashes are simulated with the worker's test fault hooks; "the chain is down" is a TCP proxy in
 * front of the node that refuses connections.
 */
import { spawn } from "node:child_process";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq, sql } from "drizzle-orm";
import { encodeFunctionData, getAddress, keccak256, parseTransaction, type Address, type Hash, type Hex, type PublicClient } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { bytesToHex, verifyInclusion } from "@/lib/integrity";
import { openDatabase, type Database } from "@/lib/db/open";
import { anchorBatch, checkpoint, log, logLeaf, organization, trial, user } from "@/lib/db/schema";
import { freshDatabase } from "@/lib/testing/fresh-database";
import { devChainClients, startTestLedger, type TestWallet } from "@/lib/testing/test-ledger";
import { rowsOf } from "@/lib/db/rows";
import { hardhatDevPrivateKey, type HardhatNode } from "@/lib/chain/local-node";
import { trialLedgerAbi } from "@/lib/chain/generated/trial-ledger";
import { chainTrialId, publicIdHash } from "@/lib/chain/trial-id";
import { setChainRegistration } from "@/lib/server/log/ensure-log";
import { PORTAL_LOG_PROTOCOL_MARKER } from "@/lib/chain/anchoring/portal-log-marker";
import { estimateCall, receiptOrNull, revertReasonOfMined } from "@/lib/chain/anchoring/ledger-transactions";
import { appendRecords } from "@/lib/server/log/append-records";
import { inclusionProofFromDb } from "@/lib/server/log/read-proofs";
import { anchorOnce, type AnchorOnceOptions, type AnchorOnceResult } from "./anchor-once";
import { anchorStatusOf } from "./anchor-status-of";
import { withAnchorerLock } from "./batch-store";
import { ensurePortalLogRegistered } from "./ensure-portal-log-registered";
import { startAnchoringWorker } from "./start-anchoring-worker";

let database: Database;
let dbUrl: string | undefined;
let drop: () => Promise<void>;
let node: HardhatNode;
let client: PublicClient;
let contract: Address;
let deployBlock: bigint;
let sponsor: TestWallet;
const anchorer = privateKeyToAccount(hardhatDevPrivateKey(0));
const lines: string[] = [];

/** A client of its own (a second worker must not share the first one's). */
function rpc(url: string): PublicClient {
  return devChainClients(url).client;
}

/** Options of one anchorer; tests override what they exercise. */
function ctx(over: Partial<AnchorOnceOptions> = {}): AnchorOnceOptions {
  return {
    database,
    publicClient: client,
    account: anchorer,
    contract,
    chainId: hardhat.id,
    confirmations: 0,
    intervalMs: 0,
    maxLeaves: 256,
    pollingIntervalMs: 20,
    receiptTimeoutMs: 10_000,
    log: (line) => lines.push(line),
    ...over,
  };
}

beforeAll(async () => {
  const [fresh, ledger] = await Promise.all([freshDatabase(), startTestLedger()]);
  ({ database, url: dbUrl, drop } = fresh);
  ({ node, client, sponsor, contract, deployBlock } = ledger);
  await database.insert(organization).values({ id: "org_anchortest", name: "Anchoring Sponsor", kind: "sponsor" });
  await database.insert(user).values({ id: "usr_anchortest", name: "Sponsor Admin", email: "sponsor@anchoring.test", emailVerified: true });
});

afterAll(async () => {
  await node?.stop();
  await drop?.();
});

// ------------------------------------------------------------------------------------------------------------
// Fixtures
// ------------------------------------------------------------------------------------------------------------

let trialCounter = 0;

/** A trial row, its log with `records` records, and (unless told otherwise) its registration on chain. */
async function newTrial(records: number, opts: { register?: boolean } = {}): Promise<string> {
  const publicId = `TP-2026-${String(1000 + ++trialCounter)}`;
  await database.insert(trial).values({
    id: `tri_anchor${trialCounter}`,
    publicId,
    title: `Trial ${publicId}`,
    sponsorOrgId: "org_anchortest",
    createdBy: "usr_anchortest",
  });
  const [first] = await append(publicId, records);
  if (opts.register ?? true) await registerOnChain(publicId, first!.leafHash);
  return publicId;
}

let recordCounter = 0;
function append(logId: string, n: number) {
  return appendRecords(
    database,
    logId,
    Array.from({ length: n }, () => ({
      kind: "auth.signed_in" as const,
      actor: { role: "investigator" as const, id: `usr_rec${String(++recordCounter).padStart(6, "0")}` },
      body: { method: "password" },
    })),
  );
}

async function mined(hash: Hash) {
  const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 20 });
  expect(receipt.status).toBe("success");
  return receipt;
}

async function registerOnChain(publicId: string, protocolHash: Hex, db: Database = database) {
  await mined(
    await sponsor.writeContract({
      address: contract,
      abi: trialLedgerAbi,
      functionName: "registerTrial",
      args: [publicIdHash(publicId), protocolHash, anchorer.address],
    }),
  );
  // What the portal's confirmation records: who registered the log, hence its chain trial id.
  await setChainRegistration(db, publicId, sponsor.account.address);
}

/** A log's id on chain: the portal log is registered by the anchorer, trials by the sponsor (docs/ledger.md#trial-ids). */
const idOf = (logId: string) => chainTrialId(logId === "portal" ? anchorer.address : sponsor.account.address, logId);

async function setAnchorer(publicId: string, to: Address) {
  await mined(
    await sponsor.writeContract({
      address: contract,
      abi: trialLedgerAbi,
      functionName: "setAnchorer",
      args: [idOf(publicId), to],
    }),
  );
}

async function onChain(logId: string): Promise<{ treeSize: number; rootHash: Hex }> {
  const [size, root] = await client.readContract({
    address: contract,
    abi: trialLedgerAbi,
    functionName: "latestCheckpoint",
    args: [idOf(logId)],
  });
  return { treeSize: Number(size), rootHash: root };
}

async function dbHead(logId: string): Promise<{ size: number; rootHash: Hex }> {
  const [row] = await database.select({ size: log.size, rootHash: log.rootHash }).from(log).where(eq(log.id, logId));
  return { size: row!.size, rootHash: bytesToHex(row!.rootHash) };
}

/** Every Checkpointed event of a trial, oldest first. */
async function checkpointedEvents(logId: string) {
  const events = await client.getContractEvents({
    address: contract,
    abi: trialLedgerAbi,
    eventName: "Checkpointed",
    args: { trialId: idOf(logId) },
    fromBlock: deployBlock,
    strict: true,
  });
  return events.map((e) => ({
    treeSize: Number(e.args.treeSize),
    rootHash: e.args.rootHash,
    txHash: e.transactionHash,
  }));
}

/** Every transaction the anchorer ever sent (mined), with its outcome. */
async function anchorerTransactions() {
  const head = await client.getBlockNumber({ cacheTime: 0 });
  const out: { hash: Hash; nonce: number; to: Address | null; status: "success" | "reverted" }[] = [];
  for (let n = deployBlock + 1n; n <= head; n++) {
    const block = await client.getBlock({ blockNumber: n, includeTransactions: true });
    for (const tx of block.transactions) {
      if (getAddress(tx.from) !== anchorer.address) continue;
      const receipt = await client.getTransactionReceipt({ hash: tx.hash });
      out.push({ hash: tx.hash, nonce: tx.nonce, to: tx.to ? getAddress(tx.to) : null, status: receipt.status });
    }
  }
  return out;
}

async function batchRow(id: string) {
  const [row] = await database.select().from(anchorBatch).where(eq(anchorBatch.id, id));
  return row!;
}

/** Runs anchoring steps until one signs nothing new: every registered log is then checkpointed. */
async function drain(options: AnchorOnceOptions = ctx()): Promise<AnchorOnceResult[]> {
  const steps: AnchorOnceResult[] = [];
  for (let i = 0; i < 10; i++) {
    const step = await anchorOnce(options);
    steps.push(step);
    if (!step.batch && step.idle !== "batch in flight") return steps;
  }
  throw new Error("anchoring did not settle in 10 steps");
}

class SimulatedCrash extends Error {}
const crash = (where: string) => () => {
  throw new SimulatedCrash(`simulated crash ${where}`);
};

async function evm(method: string, params: unknown[] = []) {
  return client.request({ method: method as never, params: params as never });
}

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

// ------------------------------------------------------------------------------------------------------------

describe("anchoring", () => {
  it("anchors records: the chain's checkpoint equals the database root; unregistered logs wait without failing the batch", async () => {
    const a = await newTrial(5);
    const unregistered = await newTrial(3, { register: false });
    expect(await anchorStatusOf(database, a, 0)).toEqual({ state: "awaiting_anchor" });

    const step = await anchorOnce(ctx());
    expect(step.batch?.result.outcome).toBe("confirmed");
    expect(step.batch?.checkpoints.map((c) => c.logId)).toEqual([a]);
    // Until its registration is confirmed, a log has no chain trial id (docs/ledger.md#trial-ids): not even a candidate.
    expect(step.skipped.map((s) => s.logId)).not.toContain(unregistered);
    const head = await dbHead(a);
    expect(await onChain(a)).toEqual({ treeSize: 5, rootHash: head.rootHash });

    const status = await anchorStatusOf(database, a, 4);
    expect(status).toMatchObject({
      state: "anchored",
      treeSize: 5,
      rootHash: head.rootHash,
      txHash: step.batch!.txHash,
      chainId: hardhat.id,
      contract,
    });
    expect(await anchorStatusOf(database, unregistered, 0)).toEqual({ state: "awaiting_anchor" });

    // The log grows: the next checkpoint carries a consistency proof the contract verifies.
    await append(a, 6);
    const next = await anchorOnce(ctx());
    expect(next.batch?.result.outcome).toBe("confirmed");
    const grown = await dbHead(a);
    expect(await onChain(a)).toEqual({ treeSize: 11, rootHash: grown.rootHash });
    expect((await checkpointedEvents(a)).map((e) => e.treeSize)).toEqual([5, 11]);
    expect(await anchorStatusOf(database, a, 10)).toMatchObject({
      state: "anchored",
      treeSize: 11,
      txHash: next.batch!.txHash,
    });

    // A record's inclusion proof from the database verifies against the chain's checkpoint, on chain too.
    const proof = await inclusionProofFromDb(database, a, 7, 11);
    const [leafRow] = await database
      .select({ leafHash: logLeaf.leafHash })
      .from(logLeaf)
      .where(and(eq(logLeaf.logId, a), eq(logLeaf.idx, 7)));
    const leafHash = bytesToHex(leafRow!.leafHash);
    expect(verifyInclusion(leafHash, 7, 11, proof, grown.rootHash)).toBe(true);
    expect(
      await client.readContract({
        address: contract,
        abi: trialLedgerAbi,
        functionName: "verifyInclusion",
        args: [idOf(a), leafHash, 7n, proof],
      }),
    ).toBe(true);

    // Nothing left to do for registered logs.
    expect((await anchorOnce(ctx())).batch).toBeNull();
  });

  it("batches several trials into ONE transaction (and splits at maxTrialsPerBatch)", async () => {
    const trials: string[] = [];
    for (let i = 0; i < 10; i++) trials.push(await newTrial(4));
    const before = (await anchorerTransactions()).length;

    const first = await anchorOnce(ctx());
    expect(first.batch?.result.outcome).toBe("confirmed");
    expect(first.batch!.checkpoints.map((c) => c.logId).sort()).toEqual([...trials].sort());
    for (const t of trials) {
      const events = await checkpointedEvents(t);
      expect(events).toEqual([{ treeSize: 4, rootHash: (await dbHead(t)).rootHash, txHash: first.batch!.txHash }]);
    }
    expect((await anchorerTransactions()).length).toBe(before + 1);
    const firstGas = (await batchRow(first.batch!.batchId)).gasUsed!;

    // Second round: every log grew; with at most 6 trials per transaction, two transactions.
    for (const t of trials) await append(t, 9);
    const steps = await drain(ctx({ maxTrialsPerBatch: 6 }));
    const batches = steps.flatMap((s) => (s.batch ? [s.batch] : []));
    expect(batches.map((b) => b.checkpoints.length)).toEqual([6, 4]);
    for (const t of trials) expect(await onChain(t)).toEqual({ treeSize: 13, rootHash: (await dbHead(t)).rootHash });
    const proofGas = (await batchRow(batches[0]!.batchId)).gasUsed!;
    console.log(
      `[figures] checkpointBatch gas: 10 trials, first checkpoints ${firstGas} (${Math.round(firstGas / 10)}/trial); ` +
        `6 trials with consistency proofs ${proofGas} (${Math.round(proofGas / 6)}/trial)`,
    );
  });

  it("checkpoints only when due: ANCHOR_MAX_LEAVES waiting records, or the oldest waiting longer than ANCHOR_INTERVAL_MS", async () => {
    const t = await newTrial(3);
    const patient = ctx({ intervalMs: 3_600_000, maxLeaves: 8 });
    expect(await anchorOnce(patient)).toMatchObject({ batch: null, idle: "not due" });
    await append(t, 5); // 8 waiting
    const step = await anchorOnce(patient);
    expect(step.batch?.checkpoints).toEqual([expect.objectContaining({ logId: t, treeSize: 8 })]);

    await append(t, 1);
    const soon = ctx({ intervalMs: 300, maxLeaves: 1000 });
    // One record waits, far below maxLeaves: it is checkpointed once it has waited longer than the interval.
    await new Promise((r) => setTimeout(r, 350));
    expect((await anchorOnce(soon)).batch?.checkpoints).toEqual([expect.objectContaining({ logId: t, treeSize: 9 })]);
  });

  it("registers the portal-wide log once, from the anchorer, and anchors it", async () => {
    const txsBefore = (await anchorerTransactions()).length;
    const first = await ensurePortalLogRegistered(ctx());
    expect(first).toMatchObject({ state: "registered", txHash: expect.stringMatching(/^0x/) });
    const [sponsorOf, anchorerOf, version, protocolHash] = await client.readContract({
      address: contract,
      abi: trialLedgerAbi,
      functionName: "trial",
      args: [idOf("portal")],
    });
    expect({ sponsorOf, anchorerOf, version, protocolHash }).toEqual({
      sponsorOf: anchorer.address,
      anchorerOf: anchorer.address,
      version: 1,
      protocolHash: PORTAL_LOG_PROTOCOL_MARKER,
    });
    const [row] = await database.select().from(anchorBatch).where(eq(anchorBatch.purpose, "register_portal_log"));
    expect(row).toMatchObject({ status: "confirmed", txHash: first.state === "registered" ? first.txHash : "" });

    expect(await ensurePortalLogRegistered(ctx())).toEqual({ state: "registered" });
    expect((await anchorerTransactions()).length).toBe(txsBefore + 1);

    await append("portal", 4);
    await drain();
    expect(await onChain("portal")).toEqual({ treeSize: 4, rootHash: (await dbHead("portal")).rootHash });
  });

  it("waits for ANCHOR_CONFIRMATIONS blocks before a checkpoint counts", async () => {
    const t = await newTrial(2);
    const step = await anchorOnce(ctx({ confirmations: 1 }));
    expect(step.batch?.result.outcome).toBe("awaiting confirmations");
    expect(await batchRow(step.batch!.batchId)).toMatchObject({ status: "sent", blockNumber: expect.any(Number) });
    expect(await anchorStatusOf(database, t, 0)).toEqual({ state: "awaiting_anchor" });
    // Still in flight: no second batch is signed meanwhile.
    await append(t, 1);
    expect(await anchorOnce(ctx({ confirmations: 1 }))).toMatchObject({ batch: null, idle: "batch in flight" });
    await evm("evm_mine");
    const later = await anchorOnce(ctx({ confirmations: 1 }));
    expect(later.resolved).toEqual([
      expect.objectContaining({
        batchId: step.batch!.batchId,
        result: expect.objectContaining({ outcome: "confirmed" }),
      }),
    ]);
    expect(await anchorStatusOf(database, t, 1)).toMatchObject({ state: "anchored", treeSize: 2 });
    await drain();
  });
});

describe("crash safety", () => {
  for (const point of ["afterSign", "afterSend", "beforeConfirm"] as const) {
    it(`a crash ${point} loses nothing and sends nothing twice`, async () => {
      const t = await newTrial(6);
      const txsBefore = await anchorerTransactions();
      const nonce = await client.getTransactionCount({ address: anchorer.address });

      await expect(anchorOnce(ctx({ testFaultHooks: { [point]: crash(point) } }))).rejects.toThrow(SimulatedCrash);
      const [stored] = await database.select().from(anchorBatch).where(eq(anchorBatch.nonce, nonce));
      expect(stored).toMatchObject({ status: point === "beforeConfirm" ? "sent" : "signed", nonce });
      // Before a broadcast, nothing is on chain; after one, exactly the stored transaction.
      const receipt = await receiptOrNull(client, stored!.txHash as Hash);
      expect(receipt === null).toBe(point === "afterSign");

      const restart = await anchorOnce(ctx());
      expect(restart.resolved).toEqual([expect.objectContaining({ batchId: stored!.id, result: expect.objectContaining({ outcome: "confirmed" }) })]);
      expect(restart.batch).toBeNull();

      const txs = (await anchorerTransactions()).slice(txsBefore.length);
      expect(txs).toEqual([{ hash: stored!.txHash, nonce, to: contract, status: "success" }]);
      expect(await checkpointedEvents(t)).toEqual([{ treeSize: 6, rootHash: (await dbHead(t)).rootHash, txHash: stored!.txHash }]);
      expect(await batchRow(stored!.id)).toMatchObject({
        status: "confirmed",
        blockNumber: Number(receipt?.blockNumber ?? (await client.getTransactionReceipt({ hash: stored!.txHash as Hash })).blockNumber),
      });
      expect(await anchorStatusOf(database, t, 5)).toMatchObject({ state: "anchored", txHash: stored!.txHash });
    });
  }

  it("a broadcast transaction lost from the node's pool is re-sent unchanged (same raw transaction, same hash)", async () => {
    const t = await newTrial(3);
    await evm("evm_setAutomine", [false]);
    let stored: { batchId: string; txHash: Hash } | undefined;
    try {
      await expect(
        anchorOnce(
          ctx({
            testFaultHooks: {
              afterSend: (b) => {
                stored = b;
                throw new SimulatedCrash("after send");
              },
            },
          }),
        ),
      ).rejects.toThrow(SimulatedCrash);
      expect(await evm("hardhat_dropTransaction", [stored!.txHash])).toBe(true);
    } finally {
      await evm("evm_setAutomine", [true]);
    }
    expect(await receiptOrNull(client, stored!.txHash)).toBeNull();
    const restart = await anchorOnce(ctx());
    expect(restart.resolved[0]).toMatchObject({ batchId: stored!.batchId, result: { outcome: "confirmed" } });
    expect((await checkpointedEvents(t)).map((e) => e.txHash)).toEqual([stored!.txHash]);
  });

  it("a batch whose nonce another transaction used is marked failed with the reason, and its checkpoints are retried", async () => {
    const t = await newTrial(4);
    const nonce = await client.getTransactionCount({ address: anchorer.address });
    await expect(anchorOnce(ctx({ testFaultHooks: { afterSign: crash("after sign") } }))).rejects.toThrow(SimulatedCrash);
    const [lost] = await database.select().from(anchorBatch).where(eq(anchorBatch.nonce, nonce));

    // Someone else spends that nonce (an operator, another tool holding the same key).
    const block = await client.getBlock();
    const other = await anchorer.signTransaction({
      chainId: hardhat.id,
      nonce,
      to: anchorer.address,
      value: 1n,
      gas: 21_000n,
      maxFeePerGas: block.baseFeePerGas! * 2n + 1n,
      maxPriorityFeePerGas: 1n,
      type: "eip1559",
    });
    await mined(await client.sendRawTransaction({ serializedTransaction: other }));

    const restart = await anchorOnce(ctx());
    expect(restart.resolved).toEqual([
      expect.objectContaining({
        batchId: lost!.id,
        result: { outcome: "failed", reason: expect.stringMatching(/nonce \d+ .* used by another transaction/) },
      }),
    ]);
    expect(await batchRow(lost!.id)).toMatchObject({
      status: "failed",
      error: expect.stringMatching(/used by another transaction/),
    });
    expect(restart.batch).toMatchObject({ nonce: nonce + 1, result: { outcome: "confirmed" } });
    expect(await checkpointedEvents(t)).toEqual([{ treeSize: 4, rootHash: (await dbHead(t)).rootHash, txHash: restart.batch!.txHash }]);
    expect(await anchorStatusOf(database, t, 3)).toMatchObject({ state: "anchored", txHash: restart.batch!.txHash });
    // The lost transaction can never land now.
    await expect(client.sendRawTransaction({ serializedTransaction: lost!.rawTx as Hex })).rejects.toThrow(/nonce too low/i);
  });

  it("a batch that reverts on chain is marked failed with the contract's reason; its records stay awaiting anchor until they can be anchored", async () => {
    const t = await newTrial(4);
    await expect(anchorOnce(ctx({ testFaultHooks: { afterSign: crash("after sign") } }))).rejects.toThrow(SimulatedCrash);
    const [signed] = await database.select().from(anchorBatch).where(eq(anchorBatch.status, "signed"));
    // Before it goes out, the sponsor hands the trial to another anchorer: the stored transaction now reverts.
    const other = privateKeyToAccount(hardhatDevPrivateKey(2)).address;
    await setAnchorer(t, other);

    const restart = await anchorOnce(ctx());
    expect(restart.resolved).toEqual([
      expect.objectContaining({
        batchId: signed!.id,
        result: { outcome: "failed", reason: expect.stringMatching(/NotAnchorer/) },
      }),
    ]);
    expect(await batchRow(signed!.id)).toMatchObject({
      status: "failed",
      error: expect.stringMatching(/reverted: NotAnchorer/),
    });
    expect(restart.batch).toBeNull();
    expect(restart.skipped).toContainEqual({
      logId: t,
      alarm: true,
      reason: `checkpointed by another account (${other})`,
    });
    // Taken away on chain: an alarm, recorded in the trial's own log (watch-anchorers.int.test.ts attacks it).
    expect(restart.alarms.raised).toEqual([expect.objectContaining({ kind: "anchorer_changed", logId: t, openedLogIndex: 4 })]);
    expect(await anchorStatusOf(database, t, 0)).toEqual({ state: "awaiting_anchor" });

    await setAnchorer(t, anchorer.address);
    const again = await anchorOnce(ctx());
    expect(again.alarms.resolved).toEqual([expect.objectContaining({ kind: "anchorer_changed", logId: t, resolvedLogIndex: 5 })]);
    // The 4 records, the alarm raised and the alarm resolved.
    expect(again.batch).toMatchObject({
      checkpoints: [expect.objectContaining({ logId: t, treeSize: 6 })],
      result: { outcome: "confirmed" },
    });
    expect((await checkpointedEvents(t)).length).toBe(1);
  });

  it("the contract is the last guard: a replayed or equal-size checkpoint reverts with TreeNotGrowing and changes nothing", async () => {
    const t = await newTrial(5);
    const step = await anchorOnce(ctx());
    const [row] = await database.select().from(anchorBatch).where(eq(anchorBatch.id, step.batch!.batchId));
    const before = await onChain(t);

    // A buggy anchorer that forgot it already sent this batch signs the same checkpoint again (new nonce).
    const replay = parseTransaction(row!.rawTx as Hex);
    const block = await client.getBlock();
    const nonce = await client.getTransactionCount({ address: anchorer.address });
    const raw = await anchorer.signTransaction({
      chainId: hardhat.id,
      nonce,
      to: contract,
      data: replay.data,
      gas: 200_000n,
      maxFeePerGas: block.baseFeePerGas! * 2n + 1n,
      maxPriorityFeePerGas: 1n,
      type: "eip1559",
    });
    await client.sendRawTransaction({ serializedTransaction: raw }).catch(() => undefined); // an automining node reports the revert
    const receipt = await client.getTransactionReceipt({ hash: keccak256(raw) });
    expect(receipt.status).toBe("reverted");
    expect(await revertReasonOfMined(client, raw, receipt)).toBe("reverted: TreeNotGrowing(5, 5)");
    expect(await onChain(t)).toEqual(before);
    expect((await checkpointedEvents(t)).length).toBe(1);

    // A smaller, older checkpoint is refused the same way.
    const older = encodeFunctionData({
      abi: trialLedgerAbi,
      functionName: "checkpoint",
      args: [idOf(t), 3n, before.rootHash, []],
    });
    expect(await estimateCall(client, anchorer.address, contract, older)).toEqual({
      ok: false,
      reason: "TreeNotGrowing(5, 3)",
    });
  });
});

describe("concurrent anchorers", () => {
  it("a stale plan is never signed: the second anchorer finds the work done and sends nothing", async () => {
    const t = await newTrial(7);
    const txsBefore = (await anchorerTransactions()).length;
    let first: AnchorOnceResult | undefined;
    // B plans, then A runs a whole step before B takes the lock.
    const b = await anchorOnce(ctx({ testFaultHooks: { afterPlan: async () => void (first = await anchorOnce(ctx())) } }));
    expect(first?.batch?.result.outcome).toBe("confirmed");
    expect(b).toMatchObject({ batch: null, idle: "raced" });
    expect((await anchorerTransactions()).length).toBe(txsBefore + 1);
    expect((await checkpointedEvents(t)).length).toBe(1);
  });

  // PostgreSQL: a second session really waits on the advisory lock. PGlite has one session, so there the
  // anchorer's lock transaction holds back every other transaction, the second step included.
  it(
    process.env.DATABASE_URL
      ? "PostgreSQL: a second signer waits for the anchorer's lock held by another session"
      : "PGlite: a step cannot sign while the anchorer's lock transaction is open",
    async () => {
      const t = await newTrial(3);
      const holder = dbUrl ? await openDatabase({ databaseUrl: dbUrl, migrate: false, maxConnections: 1 }) : database;
      try {
        let release!: () => void;
        const released = new Promise<void>((resolve) => (release = resolve));
        let held!: () => void;
        const isHeld = new Promise<void>((resolve) => (held = resolve));
        const holding = withAnchorerLock(holder, hardhat.id, anchorer.address, async () => {
          held();
          await released;
        });
        await isHeld;
        let finished = false;
        const step = anchorOnce(ctx()).finally(() => (finished = true));
        if (dbUrl) {
          const waiting = async () =>
            rowsOf<{ n: number }>(
              await database.execute(sql`select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted`),
            )[0]!.n;
          await until("the step to wait for the lock", async () => (await waiting()) === 1, 5_000);
          expect(await database.select().from(checkpoint).where(eq(checkpoint.logId, t))).toEqual([]);
        } else {
          await new Promise((r) => setTimeout(r, 1_000));
          expect(finished).toBe(false);
        }
        release();
        await holding;
        expect((await step).batch).toMatchObject({
          checkpoints: [expect.objectContaining({ logId: t, treeSize: 3 })],
          result: { outcome: "confirmed" },
        });
      } finally {
        if (dbUrl) await holder.$close();
      }
    },
  );

  it("two workers running at once never double-anchor", async () => {
    const trials = [await newTrial(2), await newTrial(2), await newTrial(2)];
    const batchesBefore = (await database.select().from(anchorBatch)).length;
    const txsBefore = (await anchorerTransactions()).length;
    // Two anchorers with their own database connections (PostgreSQL) and their own RPC clients.
    const second = dbUrl ? await openDatabase({ databaseUrl: dbUrl, migrate: false }) : database;
    const workers = [ctx(), ctx({ database: second, publicClient: rpc(node.url) })];
    try {
      let appending = true;
      const appender = (async () => {
        for (let i = 0; i < 12; i++) {
          await append(trials[i % 3]!, 1 + (i % 2));
          await new Promise((r) => setTimeout(r, 15));
        }
        appending = false;
      })();
      const results: AnchorOnceResult[] = [];
      await Promise.all([
        appender,
        ...workers.map(async (w) => {
          while (appending) results.push(await anchorOnce(w));
        }),
      ]);
      await drain();
      expect(results.some((r) => r.batch)).toBe(true);
    } finally {
      if (second !== database) await second.$close();
    }

    const batches = (await database.select().from(anchorBatch).orderBy(asc(anchorBatch.nonce))).slice(batchesBefore);
    expect(batches.every((b) => b.status === "confirmed")).toBe(true);
    const txs = (await anchorerTransactions()).slice(txsBefore);
    // One transaction per batch, each stored batch's own, none reverted, nonces consecutive.
    expect(txs.map((x) => x.hash)).toEqual(batches.map((b) => b.txHash));
    expect(txs.every((x) => x.status === "success")).toBe(true);
    expect(txs.map((x) => x.nonce)).toEqual(txs.map((_, i) => txs[0]!.nonce + i));
    for (const t of trials) {
      const sizes = (await checkpointedEvents(t)).map((e) => e.treeSize);
      expect(sizes).toEqual([...new Set(sizes)].sort((x, y) => x - y));
      expect(await onChain(t)).toEqual({ treeSize: (await dbHead(t)).size, rootHash: (await dbHead(t)).rootHash });
      const rows = await database
        .select()
        .from(checkpoint)
        .where(and(eq(checkpoint.logId, t)));
      expect(new Set(rows.map((r) => r.treeSize)).size).toBe(rows.length);
    }
  });
});

describe("chain unreachable", () => {
  /**
   * A TCP proxy in front of the node. Down, it stops listening and drops open connections, so every request
   * fails with "connection refused", as when the node (or the network to it) is gone.
   */
  async function switchableProxy(target: URL) {
    const open = new Set<net.Socket>();
    const server = net.createServer((socket) => {
      const upstream = net.connect(Number(target.port), target.hostname);
      for (const s of [socket, upstream]) {
        open.add(s);
        s.on("close", () => open.delete(s));
        s.on("error", () => undefined);
      }
      socket.pipe(upstream).pipe(socket);
      socket.on("close", () => upstream.destroy());
      upstream.on("close", () => socket.destroy());
    });
    const listen = (port: number) => new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, "127.0.0.1", () => resolve()));
    await listen(0);
    const port = (server.address() as net.AddressInfo).port;
    return {
      url: `http://127.0.0.1:${port}`,
      async down() {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        for (const s of open) s.destroy();
        await closed;
      },
      up: () => listen(port),
      async close() {
        for (const s of open) s.destroy();
        if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
      },
    };
  }

  it("appends still succeed and show awaiting anchor; the worker backs off, says so once, and catches up when the chain is back", async () => {
    const t = await newTrial(2);
    await drain();
    const proxy = await switchableProxy(new URL(node.url));
    const workerLines: string[] = [];
    let failedSteps = 0;
    await proxy.down();
    const worker = startAnchoringWorker({
      ...ctx({ publicClient: rpc(proxy.url), log: (line) => workerLines.push(line) }),
      pollMs: 20,
      backoff: { initialMs: 20, maxMs: 80 },
      registerPortalLog: false,
      onError: () => void failedSteps++,
    });
    try {
      await until("several failed steps", () => failedSteps >= 4);
      const appended = await append(t, 3);
      expect(appended.map((r) => r.index)).toEqual([2, 3, 4]);
      expect(await anchorStatusOf(database, t, 4)).toEqual({ state: "awaiting_anchor" });
      expect(workerLines.filter((l) => /chain unreachable/.test(l))).toHaveLength(1);

      await proxy.up();
      await until("the worker to catch up", async () => (await anchorStatusOf(database, t, 4)).state === "anchored");
      expect(await onChain(t)).toEqual({ treeSize: 5, rootHash: (await dbHead(t)).rootHash });
      expect(workerLines.some((l) => /chain reachable again/.test(l))).toBe(true);
      expect(workerLines.some((l) => l.includes(`${t}@5`))).toBe(true);
    } finally {
      await worker.stop();
      await proxy.close();
    }
    expect(worker.running).toBe(false);
  });
});

describe("npm run worker", () => {
  const script = ["--conditions=react-server", "scripts/worker.ts"];
  const tsx = "node_modules/.bin/tsx";
  const withoutChainEnv = () => {
    const env = { ...process.env };
    for (const name of ["RPC_URL", "CHAIN_ID", "TRIAL_LEDGER_ADDRESS", "ANCHORER_PRIVATE_KEY"]) delete env[name];
    return env;
  };

  function run(env: NodeJS.ProcessEnv) {
    const child = spawn(tsx, script, { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => void (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => void (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    return { child, output: () => output, exited };
  }

  it("names the missing variables", async () => {
    const worker = run({ ...withoutChainEnv(), TRIAL_LEDGER_ADDRESS: contract });
    expect(await worker.exited).toBe(2);
    expect(worker.output()).toMatch(/needs RPC_URL, CHAIN_ID, ANCHORER_PRIVATE_KEY \(missing from the environment\)/);
  });

  // A separate process shares PostgreSQL with the test; with the embedded database the worker process is the
  // single owner of a PGlite directory the test prepared and reopens afterwards.
  it(
    process.env.DATABASE_URL
      ? "anchors as its own process (PostgreSQL) and stops cleanly on SIGTERM"
      : "anchors as its own process (embedded PGlite directory) and stops cleanly on SIGTERM",
    async () => {
      const { mkdtemp, rm } = await import("node:fs/promises");
      const os = await import("node:os");
      const path = await import("node:path");
      let t: string;
      let dir: string | undefined;
      if (dbUrl) {
        t = await newTrial(3);
      } else {
        dir = await mkdtemp(path.join(os.tmpdir(), "tp-worker-"));
        const own = await openDatabase({ pgliteDir: dir });
        t = `TP-2026-${String(1000 + ++trialCounter)}`;
        await own.insert(organization).values({ id: "org_anchortest", name: "Anchoring Sponsor", kind: "sponsor" });
        await own.insert(user).values({
          id: "usr_anchortest",
          name: "Sponsor Admin",
          email: "sponsor@anchoring.test",
          emailVerified: true,
        });
        await own.insert(trial).values({
          id: `tri_anchor${trialCounter}`,
          publicId: t,
          title: `Trial ${t}`,
          sponsorOrgId: "org_anchortest",
          createdBy: "usr_anchortest",
        });
        const [first] = await appendRecords(
          own,
          t,
          Array.from({ length: 3 }, (_, i) => ({
            kind: "auth.signed_in" as const,
            actor: { role: "system" as const, id: `sys_proc${i}000` },
            body: { method: "password" as const },
          })),
        );
        await registerOnChain(t, first!.leafHash, own);
        await own.$close();
      }
      const dbEnv = dbUrl ? { DATABASE_URL: dbUrl } : { PGLITE_DIR: dir! };
      const env = { ...withoutChainEnv(), ...dbEnv };
      if (!dbUrl) delete env.DATABASE_URL;
      const worker = run({
        ...env,
        RPC_URL: node.url,
        CHAIN_ID: String(hardhat.id),
        TRIAL_LEDGER_ADDRESS: contract,
        ANCHORER_PRIVATE_KEY: hardhatDevPrivateKey(0),
        ANCHOR_INTERVAL_MS: "0",
      });
      try {
        await until("the worker to checkpoint the trial", () => worker.output().includes(`checkpointed ${t}@3`), 30_000);
      } finally {
        worker.child.kill("SIGTERM");
      }
      const code = await worker.exited;
      if (code !== 0) console.log(worker.output());
      expect(code).toBe(0);
      expect(worker.output()).toContain("SIGTERM: stopping after the current step");
      if (dbUrl) {
        expect(await onChain(t)).toEqual({ treeSize: 3, rootHash: (await dbHead(t)).rootHash });
        expect(await anchorStatusOf(database, t, 2)).toMatchObject({ state: "anchored", treeSize: 3 });
      } else {
        const reopened = await openDatabase({ pgliteDir: dir! });
        try {
          const [head] = await reopened.select().from(log).where(eq(log.id, t));
          expect(await onChain(t)).toEqual({ treeSize: 3, rootHash: bytesToHex(head!.rootHash) });
          expect(await anchorStatusOf(reopened, t, 2)).toMatchObject({ state: "anchored", treeSize: 3 });
        } finally {
          await reopened.$close();
          await rm(dir!, { recursive: true, force: true });
        }
      }
    },
  );
});
