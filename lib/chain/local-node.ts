/**
 * Local development chains (chainId 31337). Server, scripts and tests only: uses Node APIs.
 *
 * - Anvil is the embedded portal's chain (`npm run dev`, `npm start`, the end-to-end tests). Given a state
 *   directory it continues where the last start stopped (local-chain-state.ts).
 * - A Hardhat node runs the contract and integration tests: it always starts empty, and those tests use its own
 *   RPC methods (hardhat_dropTransaction).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { toHex, type Hex } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { anvilStateArgs, prepareChainState, rememberNode } from "./local-chain-state";

export const LOCAL_CHAIN_ID = 31337;

/** Repo root, derived from this file's location (lib/chain/local-node.ts). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

const READY_TIMEOUT_MS = 30_000;
const MAX_CAPTURED_OUTPUT = 64 * 1024;

export interface LocalNodeOptions {
  port: number;
  host?: string;
  /** Directory holding hardhat.config.cjs and node_modules; defaults to the repo root. */
  cwd?: string;
  /** How long to wait for the node to answer `eth_chainId`; default 30 s. */
  readyTimeoutMs?: number;
}

export interface AnvilNodeOptions extends LocalNodeOptions {
  /** Keep the chain here between starts (loaded at start, saved every second and at stop); unset: in memory only. */
  stateDir?: string;
}

export interface LocalNode {
  /** JSON-RPC endpoint, e.g. http://127.0.0.1:8545 */
  url: string;
  /** The node's process id (leader of its own process group). */
  pid: number;
  /** The last captured stdout/stderr of the node (bounded). */
  output(): string;
  /** Stops the node's whole process group; resolves once it has exited (and, for Anvil, saved). Idempotent. */
  stop(): Promise<void>;
}
export type HardhatNode = LocalNode;

async function assertPortFree(label: string, host: string, port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = net.createServer();
    server.once("error", (error: NodeJS.ErrnoException) => {
      reject(
        new Error(
          error.code === "EADDRINUSE"
            ? `Cannot start the ${label}: ${host}:${port} is already in use (another node still running?)`
            : `Cannot start the ${label} on ${host}:${port}: ${error.message}`,
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

interface RunOptions {
  label: string;
  bin: string;
  args: string[];
  cwd: string;
  host: string;
  port: number;
  readyTimeoutMs: number;
  /** Grace period between SIGTERM and SIGKILL at stop. */
  stopTimeoutMs: number;
  /** Sent if this process exits without calling stop(): SIGTERM lets a node save its state on the way out. */
  exitSignal: NodeJS.Signals;
  /**
   * What the node prints once it listens. Ready means this line AND an answer on the port: another process may take
   * the port between the free-port check and the bind, and its node must never be mistaken for ours.
   */
  listening: RegExp;
}

/**
 * Runs `bin args` in its own process group and waits until it answers `eth_chainId` with 31337. Rejects (after
 * killing the process) on timeout or early exit, with its output.
 */
async function runLocalNode(o: RunOptions): Promise<LocalNode> {
  if (!Number.isInteger(o.port) || o.port <= 0 || o.port > 65_535) throw new Error(`Invalid port: ${o.port}`);
  await assertPortFree(o.label, o.host, o.port);

  const child = spawn(o.bin, o.args, {
    cwd: o.cwd,
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
      failure ??= `could not run ${o.bin}: ${error.message}`;
      if (child.pid === undefined) {
        exited = true;
        exitDescription = "not started";
        resolve();
      }
    });
  });

  // If this process exits without calling stop(), do not leave the node behind.
  const onParentExit = () => killGroup(child, o.exitSignal);
  process.once("exit", onParentExit);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      process.removeListener("exit", onParentExit);
      if (exited) return;
      killGroup(child, "SIGTERM");
      const timer = setTimeout(() => killGroup(child, "SIGKILL"), o.stopTimeoutMs);
      await exitPromise;
      clearTimeout(timer);
    })();
    return stopping;
  };

  const url = `http://${o.host.includes(":") ? `[${o.host}]` : o.host}:${o.port}`;
  const deadline = Date.now() + o.readyTimeoutMs;
  for (;;) {
    if (failure) break;
    if (exited) {
      failure = `${o.label} exited early (${exitDescription})`;
      break;
    }
    const chainId = o.listening.test(captured) ? await chainIdOf(url) : undefined;
    if (chainId !== undefined) {
      if (chainId !== LOCAL_CHAIN_ID) failure = `node at ${url} answered chainId ${chainId}, expected ${LOCAL_CHAIN_ID}`;
      else if (exited) failure = `${o.label} exited (${exitDescription}) but ${url} answers: another node?`;
      break;
    }
    if (Date.now() > deadline) {
      failure = `${o.label} did not answer eth_chainId at ${url} within ${o.readyTimeoutMs} ms`;
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  if (failure) {
    await stop();
    throw new Error(`${failure}\n--- ${o.label} output ---\n${captured.trim() || "(none)"}`);
  }

  return { url, pid: child.pid!, output: () => captured, stop };
}

/** Starts `hardhat node --hostname <host> --port <port>` (always an empty chain). */
export async function startHardhatNode(options: LocalNodeOptions): Promise<HardhatNode> {
  const { port, host = "127.0.0.1", cwd = REPO_ROOT, readyTimeoutMs = READY_TIMEOUT_MS } = options;
  const bin = path.join(cwd, "node_modules", ".bin", "hardhat");
  if (!existsSync(bin)) throw new Error(`Hardhat is not installed: ${bin} not found (run npm ci)`);
  if (!existsSync(path.join(cwd, "hardhat.config.cjs"))) throw new Error(`No hardhat.config.cjs in ${cwd}`);
  const args = ["node", "--hostname", host, "--port", String(port)];
  return runLocalNode({
    label: "Hardhat node",
    bin,
    args,
    cwd,
    host,
    port,
    readyTimeoutMs,
    stopTimeoutMs: 5_000,
    exitSignal: "SIGKILL",
    listening: /Started HTTP and WebSocket JSON-RPC server at/,
  });
}

/** Platform suffixes of the @foundry-rs/anvil-* packages, which ship the binary. */
const ANVIL_PLATFORMS: Record<string, string> = {
  "linux-x64": "linux-amd64",
  "linux-arm64": "linux-arm64",
  "darwin-x64": "darwin-amd64",
  "darwin-arm64": "darwin-arm64",
  "win32-x64": "win32-amd64",
};

/** The Anvil binary of this platform's package, run directly (not through the package's Node wrapper) so signals reach it. */
function anvilBinary(cwd: string): string {
  const platform = ANVIL_PLATFORMS[`${process.platform}-${process.arch}`];
  if (!platform) throw new Error(`Anvil has no build for ${process.platform}-${process.arch}`);
  const binary = process.platform === "win32" ? "anvil.exe" : "anvil";
  const require = createRequire(path.join(cwd, "package.json"));
  for (const candidate of [`@foundry-rs/anvil-${platform}/bin/${binary}`, `@foundry-rs/anvil/${binary}`]) {
    try {
      return require.resolve(candidate);
    } catch {
      // try the next place
    }
  }
  throw new Error(`Anvil is not installed (@foundry-rs/anvil-${platform} not found under ${cwd}/node_modules): run npm ci`);
}

/**
 * Starts Anvil with Hardhat's chain id and dev accounts (the same mnemonic: the same ten funded accounts). With
 * `stateDir`, it loads the last saved state, saves every second and at stop, and first stops a node that a killed
 * start script left running on that directory.
 */
export async function startAnvilNode(options: AnvilNodeOptions): Promise<LocalNode> {
  const { port, host = "127.0.0.1", cwd = REPO_ROOT, readyTimeoutMs = READY_TIMEOUT_MS, stateDir } = options;
  const bin = anvilBinary(cwd);
  const files = stateDir ? await prepareChainState(stateDir) : undefined;
  const accounts = ["--mnemonic", HARDHAT_DEV_MNEMONIC, "--accounts", String(HARDHAT_DEV_ACCOUNT_COUNT), "--balance", "10000"];
  const args = ["--host", host, "--port", String(port), "--chain-id", String(LOCAL_CHAIN_ID), ...accounts, ...(files ? anvilStateArgs(files) : [])];
  // Anvil writes its final dump after SIGTERM; a large state needs more than a moment.
  const node = await runLocalNode({
    label: "Anvil",
    bin,
    args,
    cwd,
    host,
    port,
    readyTimeoutMs,
    stopTimeoutMs: 30_000,
    exitSignal: "SIGTERM",
    listening: /Listening on \S+:\d+/,
  });
  if (!files) return node;
  const forget = await rememberNode(files, node.pid);
  let stopped: Promise<void> | undefined;
  return {
    ...node,
    stop: () =>
      (stopped ??= (async () => {
        await node.stop();
        await forget();
      })()),
  };
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
