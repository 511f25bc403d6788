// The embedded chain (Anvil with a state directory) continues across restarts: the deployment, a registered trial
// and its checkpoint, their receipts and events are all there after a stop and a start, and after a SIGKILL too
// once a dump was written; a dump broken mid-write never replaces the last complete state.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPublicClient, createWalletClient, http, keccak256, toHex, type Hash, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { deployTrialLedger } from "./deploy";
import { trialLedgerAbi } from "./generated/trial-ledger";
import { chainTrialId, publicIdHash } from "./trial-id";
import { chainStateFiles, STATE_INTERVAL_SECONDS } from "./local-chain-state";
import { hardhatDevPrivateKey, LOCAL_CHAIN_ID, startAnvilNode, type LocalNode } from "./local-node";
import { freePort } from "@/lib/testing/test-ledger";

const anchorer = privateKeyToAccount(hardhatDevPrivateKey(0));
const sponsor = privateKeyToAccount(hardhatDevPrivateKey(1));
const chain = {
  id: LOCAL_CHAIN_ID,
  name: "local",
  nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
  rpcUrls: { default: { http: [] as string[] } },
};

let dir: string;
let port: number;
const running: LocalNode[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "trialproof-chain-"));
  port = await freePort(8600);
});
afterAll(async () => {
  await Promise.all(running.map((n) => n.stop()));
  await rm(dir, { recursive: true, force: true });
});

async function start(): Promise<LocalNode> {
  const node = await startAnvilNode({ port, stateDir: dir });
  running.push(node);
  return node;
}

function clients(node: LocalNode) {
  const transport = http(node.url, { retryCount: 0 });
  return {
    read: createPublicClient({ chain, transport }),
    as: (account: typeof sponsor) => createWalletClient({ chain, transport, account }),
  };
}

/** Waits for the receipt and fails on a revert. */
async function mined(node: LocalNode, hash: Hash) {
  const receipt = await clients(node).read.waitForTransactionReceipt({ hash });
  expect(receipt.status).toBe("success");
  return receipt;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("the embedded chain's state directory", () => {
  const trialId = chainTrialId(sponsor.address, "TP-STATE-1");
  const root1 = keccak256(toHex("root of one leaf"));
  let ledger: Hex;
  let deployBlock: { number: bigint; hash: Hash };
  let checkpointTx: Hash;
  let checkpointBlockHash: Hash;

  it("keeps the deployment, a registered trial and its checkpoint across a stop and a start", async () => {
    const first = await start();
    const deployed = await deployTrialLedger({
      rpcUrl: first.url,
      chainId: LOCAL_CHAIN_ID,
      deployerKey: hardhatDevPrivateKey(0),
      confirmations: 1,
    });
    ledger = deployed.address;
    deployBlock = { number: deployed.blockNumber, hash: deployed.blockHash };
    const c = clients(first);
    await mined(
      first,
      await c.as(sponsor).writeContract({
        address: ledger,
        abi: trialLedgerAbi,
        functionName: "registerTrial",
        args: [publicIdHash("TP-STATE-1"), keccak256(toHex("protocol")), anchorer.address],
      }),
    );
    checkpointTx = await c.as(anchorer).writeContract({
      address: ledger,
      abi: trialLedgerAbi,
      functionName: "checkpoint",
      args: [trialId, 1n, root1, []],
    });
    checkpointBlockHash = (await mined(first, checkpointTx)).blockHash;
    const headBefore = await c.read.getBlockNumber();
    await first.stop();

    const second = await start();
    const r = clients(second).read;
    expect(await r.getBlockNumber()).toBe(headBefore);
    expect((await r.getBlock({ blockNumber: deployBlock.number })).hash).toBe(deployBlock.hash);
    expect(await r.getCode({ address: ledger })).toMatch(/^0x[0-9a-f]{100,}$/);
    expect(await r.readContract({ address: ledger, abi: trialLedgerAbi, functionName: "latestCheckpoint", args: [trialId] })).toEqual([1n, root1]);
    const receipt = await r.getTransactionReceipt({ hash: checkpointTx });
    expect(receipt.blockHash).toBe(checkpointBlockHash);
    const events = await r.getContractEvents({
      address: ledger,
      abi: trialLedgerAbi,
      eventName: "Checkpointed",
      fromBlock: 0n,
    });
    expect(events.map((e) => [e.args.trialId, e.args.treeSize, e.args.rootHash, e.transactionHash])).toEqual([[trialId, 1n, root1, checkpointTx]]);
    // The chain goes on from there: the sponsor's nonce continues and a new block follows the old head.
    const amend = await clients(second)
      .as(sponsor)
      .writeContract({
        address: ledger,
        abi: trialLedgerAbi,
        functionName: "amendProtocol",
        args: [trialId, keccak256(toHex("protocol v2"))],
      });
    expect((await mined(second, amend)).blockNumber).toBe(headBefore + 1n);
    await second.stop();
  });

  it("after SIGKILL, comes back with what it had saved (the last second's dump)", async () => {
    const node = await start();
    const c = clients(node);
    await mined(
      node,
      await c.as(sponsor).writeContract({
        address: ledger,
        abi: trialLedgerAbi,
        functionName: "amendProtocol",
        args: [trialId, keccak256(toHex("protocol v3"))],
      }),
    );
    const head = await c.read.getBlock();
    // Killed once a dump interval (and the save that follows it) has passed.
    await sleep(STATE_INTERVAL_SECONDS * 1000 * 3 + 500);
    process.kill(node.pid, "SIGKILL");
    await sleep(300);
    running.splice(running.indexOf(node), 1);
    // The killed node left its pid file behind; the next start must not be fooled by it.
    const again = await start();
    const r = clients(again).read;
    expect(await r.getBlockNumber()).toBe(head.number);
    expect((await r.getBlock({ blockNumber: head.number })).hash).toBe(head.hash);
    await again.stop();
  });

  it("a dump broken in the middle of a write never replaces the last complete state", async () => {
    const files = chainStateFiles(dir);
    const complete = await readFile(files.state, "utf8");
    const head = BigInt((JSON.parse(complete) as { block: { number: string } }).block.number);
    await writeFile(files.dump, complete.slice(0, Math.floor(complete.length / 2)));
    const node = await start();
    expect(await clients(node).read.getBlockNumber()).toBe(head);
    expect((await clients(node).read.getBlock({ blockNumber: deployBlock.number })).hash).toBe(deployBlock.hash);
    await node.stop();
    expect(JSON.parse(await readFile(files.state, "utf8"))).toBeTypeOf("object");
  });
});
