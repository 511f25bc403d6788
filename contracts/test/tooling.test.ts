/**
 * Deployment, generated modules and local-chain tooling around TrialLedger.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { createWalletClient, getAddress, http } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, describe, expect, it } from "vitest";
import { DeployError, deployTrialLedger } from "@/lib/chain/deploy";
import { trialLedgerDeployedBytecode } from "@/lib/chain/generated/trial-ledger";
import { trialLedgerDeployments } from "@/lib/chain/generated/deployments";
import { HARDHAT_DEV_ACCOUNT_COUNT, hardhatDevPrivateKey, hardhatDevPrivateKeys, startHardhatNode } from "@/lib/chain/local-node";
import { DEPLOYMENTS_FILE, readDeployEnv, renderDeploymentsModule, runDeploy } from "@/scripts/deploy-contract";
import { findDrift } from "@/scripts/compile-contracts";
import { testChain } from "./chain";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const tmp = mkdtempSync(path.join(tmpdir(), "trialledger-tooling-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("generated contract modules", () => {
  it("are up to date with the Solidity sources (same check as `compile-contracts --check`)", () => {
    expect(findDrift()).toEqual([]);
  });
});

describe("deployTrialLedger", () => {
  it("deploys, checks chain id and code, and reports the deployment", async () => {
    const { url, client } = testChain();
    const result = await deployTrialLedger({ rpcUrl: url, chainId: 31337, deployerKey: hardhatDevPrivateKey(5) });
    expect(result.address).toBe(getAddress(result.address));
    const receipt = await client.getTransactionReceipt({ hash: result.txHash });
    expect(receipt.contractAddress && getAddress(receipt.contractAddress)).toBe(result.address);
    expect(receipt.blockNumber).toBe(result.blockNumber);
    expect(receipt.blockHash).toBe(result.blockHash);
    expect(receipt.from.toLowerCase()).toBe(privateKeyToAccount(hardhatDevPrivateKey(5)).address.toLowerCase());
    expect(await client.getCode({ address: result.address })).toBe(trialLedgerDeployedBytecode);
  });

  it("refuses a chain id mismatch without sending anything", async () => {
    const { url, client } = testChain();
    const deployer = privateKeyToAccount(hardhatDevPrivateKey(6)).address;
    const nonce = await client.getTransactionCount({ address: deployer });
    await expect(deployTrialLedger({ rpcUrl: url, chainId: 1, deployerKey: hardhatDevPrivateKey(6) })).rejects.toThrow(
      /chain id mismatch.*reports 31337, expected 1/,
    );
    expect(await client.getTransactionCount({ address: deployer })).toBe(nonce);
  });

  it("refuses invalid keys and chain ids", async () => {
    const { url } = testChain();
    await expect(deployTrialLedger({ rpcUrl: url, chainId: 31337, deployerKey: "0x1234" })).rejects.toBeInstanceOf(DeployError);
    await expect(deployTrialLedger({ rpcUrl: url, chainId: 0, deployerKey: hardhatDevPrivateKey(6) })).rejects.toBeInstanceOf(DeployError);
  });
});

describe("deploy script", () => {
  it("names every missing or invalid variable, never echoing the key", () => {
    expect(() => readDeployEnv({})).toThrow(/RPC_URL is missing[\s\S]*CHAIN_ID is missing[\s\S]*DEPLOYER_PRIVATE_KEY is missing/);
    let message = "";
    try {
      readDeployEnv({ RPC_URL: "ftp://x", CHAIN_ID: "0x7a69", DEPLOYER_PRIVATE_KEY: "0xsecret-not-a-key" });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/RPC_URL is invalid/);
    expect(message).toMatch(/CHAIN_ID is invalid/);
    expect(message).toMatch(/DEPLOYER_PRIVATE_KEY is invalid/);
    expect(message).not.toContain("secret");
    expect(
      readDeployEnv({
        RPC_URL: "http://127.0.0.1:8545",
        CHAIN_ID: "31337",
        DEPLOYER_PRIVATE_KEY: hardhatDevPrivateKey(0),
      }),
    ).toEqual({
      rpcUrl: "http://127.0.0.1:8545",
      chainId: 31337,
      deployerKey: hardhatDevPrivateKey(0),
    });
  });

  it("does not record the local chain unless --record, and merges records by chain id", async () => {
    const file = path.join(tmp, "deployments.ts");
    const existing = {
      "11155111": {
        address: getAddress("0x00000000000000000000000000000000000000aa"),
        blockNumber: 7,
        txHash: `0x${"ab".repeat(32)}` as const,
      },
    };
    writeFileSync(file, renderDeploymentsModule(existing));
    const env = { RPC_URL: testChain().url, CHAIN_ID: "31337", DEPLOYER_PRIVATE_KEY: hardhatDevPrivateKey(7) };
    const lines: string[] = [];

    const unrecorded = await runDeploy({ env, record: false, deploymentsFile: file, log: (l) => lines.push(l) });
    expect(unrecorded.recorded).toBe(false);
    expect(lines.join("\n")).toContain(unrecorded.deployment.address);
    expect(readFileSync(file, "utf8")).toBe(renderDeploymentsModule(existing));

    const recorded = await runDeploy({ env, record: true, deploymentsFile: file, log: () => {} });
    expect(recorded.recorded).toBe(true);
    const mod = (await import(`${file}?v=${Date.now()}`)) as { trialLedgerDeployments: Record<string, unknown> };
    expect(mod.trialLedgerDeployments).toEqual({
      ...existing,
      "31337": {
        address: recorded.deployment.address,
        blockNumber: Number(recorded.deployment.blockNumber),
        txHash: recorded.deployment.txHash,
      },
    });
  });

  it("renders the committed empty deployments module byte for byte", () => {
    expect(readFileSync(DEPLOYMENTS_FILE, "utf8")).toBe(renderDeploymentsModule(trialLedgerDeployments));
  });
});

describe("local node", () => {
  it("derives the well-known Hardhat dev accounts, funded on the node", async () => {
    const keys = hardhatDevPrivateKeys();
    expect(keys).toHaveLength(HARDHAT_DEV_ACCOUNT_COUNT);
    expect(privateKeyToAccount(keys[0]!).address).toBe("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
    expect(privateKeyToAccount(keys[1]!).address).toBe("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    // The node's own (unlocked) accounts come from the same mnemonic.
    const [first] = await createWalletClient({ transport: http(testChain().url) }).getAddresses();
    expect(first).toBe(privateKeyToAccount(keys[0]!).address);
    expect(() => hardhatDevPrivateKey(10)).toThrow(RangeError);
  });

  it("refuses to start on a port already in use, instead of talking to the other node", async () => {
    const port = Number(new URL(testChain().url).port);
    await expect(startHardhatNode({ port })).rejects.toThrow(/already in use/);
  });

  it("starts a second node, answers eth_chainId, and stops its process group", async () => {
    const node = await startHardhatNode({ port: await freePort() });
    try {
      const response = await fetch(node.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      });
      expect(((await response.json()) as { result: string }).result).toBe("0x7a69");
    } finally {
      await node.stop();
    }
    expect(() => process.kill(-node.pid, 0)).toThrow();
    await expect(fetch(node.url, { method: "POST", body: "{}" })).rejects.toThrow();
  }, 40_000);
});
