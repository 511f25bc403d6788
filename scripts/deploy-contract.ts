/**
 * Deploys TrialLedger to the chain named by the environment and records it in lib/chain/generated/deployments.ts.
 *
 *   RPC_URL=https://... CHAIN_ID=11155111 DEPLOYER_PRIVATE_KEY=0x... tsx scripts/deploy-contract.ts [--record]
 *
 * The local dev chain (31337) is reset on every start, so its deployments are printed but not recorded unless
 * --record is given. Entries for other chains are merged with the existing ones (same chain id: replaced).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { DeployError, deployTrialLedger, isPrivateKey, type TrialLedgerDeployment } from "@/lib/chain/deploy";
import type { TrialLedgerDeploymentRecord } from "@/lib/chain/generated/deployments";
import type { Hex } from "viem";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const DEPLOYMENTS_FILE = path.join(REPO_ROOT, "lib/chain/generated/deployments.ts");
const LOCAL_CHAIN_ID = 31337;

export interface DeployEnv {
  rpcUrl: string;
  chainId: number;
  deployerKey: Hex;
}

/** Reads and validates RPC_URL, CHAIN_ID and DEPLOYER_PRIVATE_KEY; throws one error naming every bad variable. */
export function readDeployEnv(env: Readonly<Record<string, string | undefined>>): DeployEnv {
  const problems: string[] = [];

  const rpcUrl = env.RPC_URL?.trim() ?? "";
  if (!rpcUrl) problems.push("RPC_URL is missing (JSON-RPC endpoint, e.g. https://rpc.example.org)");
  else {
    let ok = false;
    try {
      ok = ["http:", "https:", "ws:", "wss:"].includes(new URL(rpcUrl).protocol);
    } catch {
      ok = false;
    }
    if (!ok) problems.push("RPC_URL is invalid: expected an http(s):// or ws(s):// URL");
  }

  const chainIdRaw = env.CHAIN_ID?.trim() ?? "";
  const chainId = Number(chainIdRaw);
  if (!chainIdRaw) problems.push("CHAIN_ID is missing (decimal chain id, e.g. 11155111)");
  else if (!/^[1-9][0-9]*$/.test(chainIdRaw) || !Number.isSafeInteger(chainId)) {
    problems.push(`CHAIN_ID is invalid: expected a positive decimal integer, got "${chainIdRaw}"`);
  }

  const key = env.DEPLOYER_PRIVATE_KEY?.trim() ?? "";
  if (!key) problems.push("DEPLOYER_PRIVATE_KEY is missing (0x-prefixed 32-byte hex private key)");
  // Never echo the key's value.
  else if (!isPrivateKey(key)) problems.push("DEPLOYER_PRIVATE_KEY is invalid: expected 0x followed by 64 hex digits");

  if (problems.length > 0) throw new DeployError(`invalid environment:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  return { rpcUrl, chainId, deployerKey: key as Hex };
}

/** Deterministic source of lib/chain/generated/deployments.ts (entries sorted by numeric chain id). */
export function renderDeploymentsModule(entries: Readonly<Record<string, TrialLedgerDeploymentRecord>>): string {
  const ids = Object.keys(entries).sort((a, b) => Number(a) - Number(b) || a.localeCompare(b));
  const body =
    ids.length === 0
      ? "{}"
      : `{\n${ids
          .map((id) => {
            const e = entries[id]!;
            return [
              `  ${JSON.stringify(id)}: {`,
              `    address: ${JSON.stringify(e.address)},`,
              `    blockNumber: ${e.blockNumber},`,
              `    txHash: ${JSON.stringify(e.txHash)},`,
              "  },",
            ].join("\n");
          })
          .join("\n")}\n}`;
  return [
    "// ---------------------------------------------------------------------------------------------------------",
    "// GENERATED FILE - DO NOT EDIT.",
    "// Written by scripts/deploy-contract.ts: TrialLedger deployments by chain id (decimal string).",
    "// The local dev chain (31337) is not recorded unless --record is given: it is reset on every start.",
    "// ---------------------------------------------------------------------------------------------------------",
    "",
    "export interface TrialLedgerDeploymentRecord {",
    "  address: `0x${string}`;",
    "  blockNumber: number;",
    "  txHash: `0x${string}`;",
    "}",
    "",
    `export const trialLedgerDeployments: Readonly<Record<string, TrialLedgerDeploymentRecord>> = ${body};`,
    "",
  ].join("\n");
}

async function readRecordedDeployments(file: string): Promise<Record<string, TrialLedgerDeploymentRecord>> {
  if (!existsSync(file)) return {};
  // The module is plain data; importing it (tsx) is more robust than parsing it. Cache-bust for repeated calls.
  const mod = (await import(`${pathToFileURL(file).href}?t=${Date.now()}`)) as {
    trialLedgerDeployments?: Record<string, TrialLedgerDeploymentRecord>;
  };
  if (!mod.trialLedgerDeployments) throw new DeployError(`${file} does not export trialLedgerDeployments`);
  return { ...mod.trialLedgerDeployments };
}

export interface RunDeployOptions {
  env: Readonly<Record<string, string | undefined>>;
  record: boolean;
  deploymentsFile?: string;
  log?: (line: string) => void;
}

export async function runDeploy(options: RunDeployOptions): Promise<{ deployment: TrialLedgerDeployment; recorded: boolean }> {
  const { env, record, deploymentsFile = DEPLOYMENTS_FILE, log = (l) => process.stdout.write(`${l}\n`) } = options;
  const config = readDeployEnv(env);
  const deployment = await deployTrialLedger(config);
  log(`TrialLedger deployed on chain ${config.chainId}`);
  log(`  address:     ${deployment.address}`);
  log(`  tx:          ${deployment.txHash}`);
  log(`  block:       ${deployment.blockNumber} (${deployment.blockHash})`);

  if (config.chainId === LOCAL_CHAIN_ID && !record) {
    log(`Not recorded: chain ${LOCAL_CHAIN_ID} is the local dev chain (reset on every start). Use --record to record it.`);
    return { deployment, recorded: false };
  }
  const entries = await readRecordedDeployments(deploymentsFile);
  entries[String(config.chainId)] = {
    address: deployment.address,
    blockNumber: Number(deployment.blockNumber),
    txHash: deployment.txHash,
  };
  const content = renderDeploymentsModule(entries);
  if (!existsSync(deploymentsFile) || readFileSync(deploymentsFile, "utf8") !== content) {
    writeFileSync(deploymentsFile, content);
  }
  log(`Recorded in ${path.relative(REPO_ROOT, deploymentsFile) || deploymentsFile}`);
  return { deployment, recorded: true };
}

async function main(argv: string[]): Promise<number> {
  const unknown = argv.filter((a) => a !== "--record");
  if (unknown.length > 0) {
    process.stderr.write(
      `unknown argument(s): ${unknown.join(" ")}\n` +
        "usage: RPC_URL=... CHAIN_ID=... DEPLOYER_PRIVATE_KEY=0x... tsx scripts/deploy-contract.ts [--record]\n",
    );
    return 2;
  }
  try {
    await runDeploy({ env: process.env, record: argv.includes("--record") });
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`deploy-contract: ${message}\n`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`deploy-contract: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
