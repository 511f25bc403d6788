/**
 * Local development chain (Hardhat node, chainId 31337). Server, scripts and tests only: uses Node APIs.
 *
 * The chain starts empty on every start; nothing deployed to it is meant to be remembered.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { toHex, type Hex } from "viem";
import { mnemonicToAccount } from "viem/accounts";

export const LOCAL_CHAIN_ID = 31337;

/** Repo root, derived from this file's location (lib/chain/local-node.ts). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;
const MAX_CAPTURED_OUTPUT = 64 * 1024;

export interface HardhatNodeOptions {
  port: number;
  host?: string;
  /** Directory holding hardhat.config.cjs and node_modules; defaults to the repo root. */
  cwd?: string;
  /** How long to wait for the node to answer `eth_chainId`; default 30 s. */
  readyTimeoutMs?: number;
}

export interface HardhatNode {
  /** JSON-RPC endpoint, e.g. http://127.0.0.1:8545 */
  url: string;
  /** The node's process id (leader of its own process group). */
  pid: number;
  /** The last captured stdout/stderr of the node (bounded). */
  output(): string;
  /** Stops the node's whole process group; resolves once it has exited. Idempotent. */
  stop(): Promise<void>;
}

async function assertPortFree(host: string, port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = net.createServer();
    server.once("error", (error: NodeJS.ErrnoException) => {
      reject(
        new Error(
          error.code === "EADDRINUSE"
            ? `Cannot start the Hardhat node: ${host}:${port} is already in use (another node still running?)`
            : `Cannot start the Hardhat node on ${host}:${port}: ${error.message}`,
        ),
      );
    });
    server.listen(port, host, () => server.close(() => resolve()));
  });
}

async function chainIdOf(url: string): Promise<number | undefined> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      signal: AbortSignal.timeout(1_000),
    });
    if (!response.ok) return undefined;
    const body = (await response.json()) as { result?: string };
    return typeof body.result === "string" ? Number.parseInt(body.result, 16) : undefined;
  } catch {
    return undefined;
  }
}

/** Signals the child's process group; a no-op once the child has exited (its pid may be reused). */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/**
 * Starts `hardhat node --hostname <host> --port <port>` in its own process group and waits until it answers
 * `eth_chainId` with 31337. Rejects (after killing the process) on timeout or early exit, with its output.
 */
export async function startHardhatNode(options: HardhatNodeOptions): Promise<HardhatNode> {
  const { port, host = "127.0.0.1", cwd = REPO_ROOT, readyTimeoutMs = READY_TIMEOUT_MS } = options;
  if (!Number.isInteger(port) || port <= 0 || port > 65_535) throw new Error(`Invalid port: ${port}`);
  const bin = path.join(cwd, "node_modules", ".bin", "hardhat");
  if (!existsSync(bin)) throw new Error(`Hardhat is not installed: ${bin} not found`);
  if (!existsSync(path.join(cwd, "hardhat.config.cjs"))) throw new Error(`No hardhat.config.cjs in ${cwd}`);

  await assertPortFree(host, port);

  const child = spawn(bin, ["node", "--hostname", host, "--port", String(port)], {
    cwd,
    detached: true, // own process group, so stop() reaches every descendant
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      HARDHAT_DISABLE_TELEMETRY_PROMPT: "true",
      HARDHAT_HIDE_SOLIDITY_SURVEY_MESSAGE: "true",
      FORCE_COLOR: "0",
      NO_COLOR: "1",
    },
  });

  let captured = "";
  const capture = (chunk: Buffer) => {
    captured += chunk.toString("utf8");
    if (captured.length > MAX_CAPTURED_OUTPUT) captured = captured.slice(-MAX_CAPTURED_OUTPUT);
  };
  // Always drain both pipes, or the node blocks once a pipe buffer is full.
  child.stdout?.on("data", capture);
  child.stderr?.on("data", capture);

  let exited = false;
  let exitDescription = "";
  let failure: string | undefined;
  const exitPromise = new Promise<void>((resolve) => {
    child.once("exit", (code, signal) => {
      exited = true;
      exitDescription = signal ? `signal ${signal}` : `code ${code}`;
      resolve();
    });
    // A failed spawn emits "error" and possibly no "exit".
    child.once("error", (error) => {
      failure ??= `could not run ${bin}: ${error.message}`;
      if (child.pid === undefined) {
        exited = true;
        exitDescription = "not started";
        resolve();
      }
    });
  });

  // If this process exits without calling stop(), do not leave the node behind.
  const onParentExit = () => killGroup(child, "SIGKILL");
  process.once("exit", onParentExit);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      process.removeListener("exit", onParentExit);
      if (exited) return;
      killGroup(child, "SIGTERM");
      const timer = setTimeout(() => killGroup(child, "SIGKILL"), STOP_TIMEOUT_MS);
      await exitPromise;
      clearTimeout(timer);
    })();
    return stopping;
  };

  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (failure) break;
    if (exited) {
      failure = `hardhat node exited early (${exitDescription})`;
      break;
    }
    const chainId = await chainIdOf(url);
    if (chainId !== undefined) {
      if (chainId !== LOCAL_CHAIN_ID) failure = `node at ${url} answered chainId ${chainId}, expected ${LOCAL_CHAIN_ID}`;
      else if (exited) failure = `hardhat node exited (${exitDescription}) but ${url} answers: another node?`;
      break;
    }
    if (Date.now() > deadline) {
      failure = `hardhat node did not answer eth_chainId at ${url} within ${readyTimeoutMs} ms`;
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  if (failure) {
    await stop();
    throw new Error(`${failure}\n--- hardhat node output ---\n${captured.trim() || "(none)"}`);
  }

  return { url, pid: child.pid!, output: () => captured, stop };
}

// ---------------------------------------------------------------------------------------------------------------
// Well-known dev accounts (LOCAL CHAIN ONLY)
// ---------------------------------------------------------------------------------------------------------------

/**
 * The public mnemonic behind Hardhat's default accounts. Every key derived from it is public knowledge:
 * use it only on the local chain (31337), never on any network holding real value.
 */
export const HARDHAT_DEV_MNEMONIC = "test test test test test test test test test test test junk";

export const HARDHAT_DEV_ACCOUNT_COUNT = 10;

let devKeys: readonly Hex[] | undefined;

/**
 * Private keys of Hardhat's default accounts 0..9 (m/44'/60'/0'/0/i of HARDHAT_DEV_MNEMONIC), each funded with
 * 10 000 ETH on a fresh local node. Local chain only. Derived on first use (~200 ms) and cached.
 */
export function hardhatDevPrivateKeys(): readonly Hex[] {
  devKeys ??= Object.freeze(
    Array.from({ length: HARDHAT_DEV_ACCOUNT_COUNT }, (_, addressIndex) => {
      const privateKey = mnemonicToAccount(HARDHAT_DEV_MNEMONIC, { addressIndex }).getHdKey().privateKey;
      if (!privateKey) throw new Error(`could not derive dev account ${addressIndex}`);
      return toHex(privateKey);
    }),
  );
  return devKeys;
}

/** Private key of Hardhat dev account `index` (0..9). Local chain only. */
export function hardhatDevPrivateKey(index: number): Hex {
  const key = hardhatDevPrivateKeys()[index];
  if (key === undefined) throw new RangeError(`dev account index must be 0..${HARDHAT_DEV_ACCOUNT_COUNT - 1}`);
  return key;
}
