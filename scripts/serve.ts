/**
 * Starts the whole portal: the local chain when configured for it, the contract, the database with
 * its migrations, the demo seed in embedded mode, and the Next.js server.
 *
 *   tsx scripts/serve.ts            # development server (npm run dev)
 *   tsx scripts/serve.ts --prod     # production build + next start (npm start, end-to-end tests)
 *   --fresh                         # start over: a new local chain and an empty database (PGlite dir wiped /
 *                                   # new local PG database, dropped again when this script stops)
 *
 * The local chain keeps its state beside the embedded database (`<PGLITE_DIR>/../chain`), so a restart continues
 * where the last one stopped.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { openDatabase, type Database } from "@/lib/db/open";
import { seedDemo } from "@/lib/db/seed/seed-demo";
import { DEMO_PERSONAS, DEMO_REGISTERED_TRIAL } from "@/lib/db/seed/demo-data";
import { confirmDemoProtocol, seedDemoTrialLog } from "@/lib/db/seed/demo-trial-log";
import { registerTrialWithKey } from "@/lib/chain/register-trial";
import { privateKeyToAccount } from "viem/accounts";
import { createPublicClient, http } from "viem";
import { assertServeable, EnvError, isEmbeddedMode, parseEnv } from "@/lib/env";
import { deployTrialLedger } from "@/lib/chain/deploy";
import { hardhatDevPrivateKey, startAnvilNode, type LocalNode } from "@/lib/chain/local-node";
import { forgetChainState } from "@/lib/chain/local-chain-state";
import { bindingMatchesChain, latestTransactionsOnChain, readChainBinding, writeChainBinding, type ChainBinding } from "@/lib/runtime/chain-binding";
import { makeDemoCredentials } from "@/lib/runtime/demo-credentials";
import { assertLocal } from "@/lib/testing/fresh-database";
import { createRunDatabase, dropRunDatabase, sweepStaleRunDatabases } from "./serve/run-database";
import { showOneUrl } from "./serve/next-output";

const args = new Set(process.argv.slice(2));
const prod = args.has("--prod");
const fresh = args.has("--fresh");
const port = Number(process.env.PORT ?? 3000);
const root = process.cwd();
const children: ChildProcess[] = [];
let chainNode: LocalNode | undefined;
/** The database this run created with --fresh on PostgreSQL (and the server URL it came from): dropped at stop. */
let runDatabase: { base: string; url: string } | undefined;

function log(message: string) {
  console.log(`[trialproof] ${message}`);
}

let shuttingDown: Promise<never> | undefined;
function shutdown(code: number): Promise<never> {
  shuttingDown ??= (async () => {
    const exits = children.filter((c) => c.exitCode === null && c.signalCode === null).map((c) => new Promise((r) => c.once("exit", r)));
    for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
    await Promise.race([Promise.all(exits), new Promise((r) => setTimeout(r, 5_000))]);
    await chainNode?.stop();
    if (runDatabase)
      await dropRunDatabase(runDatabase.base, runDatabase.url).catch((error) => console.error(`could not drop ${runDatabase?.url}: ${error}`));
    process.exit(code);
  })();
  return shuttingDown;
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

function isLocalRpc(url: string): boolean {
  return ["127.0.0.1", "localhost"].includes(new URL(url).hostname);
}

async function main() {
  if (!process.env.BETTER_AUTH_URL) process.env.BETTER_AUTH_URL = `http://localhost:${port}`;
  const env = parseEnv(process.env);
  const embedded = isEmbeddedMode(env);
  assertServeable(env);
  const childEnv: Record<string, string> = {};

  // 1. Chain. On the local chain id with a local RPC URL the node is ours to start; its state lives beside the
  // embedded database.
  const chainStateDir = path.join(path.dirname(path.resolve(root, env.PGLITE_DIR)), "chain");
  const ownChain = env.CHAIN_ID === 31337 && isLocalRpc(env.RPC_URL) && process.env.START_LOCAL_CHAIN !== "false";
  const startChain = async (): Promise<LocalNode> => {
    const rpc = new URL(env.RPC_URL);
    const node = await startAnvilNode({
      port: Number(rpc.port || 8545),
      host: rpc.hostname === "localhost" ? "127.0.0.1" : rpc.hostname,
      stateDir: chainStateDir,
    });
    log(`local chain 31337 running at ${node.url} (state in ${path.relative(root, chainStateDir)})`);
    return node;
  };
  if (ownChain) {
    if (fresh) await forgetChainState(chainStateDir);
    chainNode = await startChain();
  }

  // 2. Database.
  let databaseUrl = env.DATABASE_URL;
  if (fresh && databaseUrl) {
    assertLocal(databaseUrl);
    await sweepStaleRunDatabases(databaseUrl, (name) => log(`dropped ${name}, left behind by an earlier run`));
    runDatabase = { base: databaseUrl, url: await createRunDatabase(databaseUrl) };
    databaseUrl = runDatabase.url;
    childEnv.DATABASE_URL = databaseUrl;
    log(`fresh PostgreSQL database ${new URL(databaseUrl).pathname.slice(1)} (dropped when this run stops)`);
  }
  if (fresh && !databaseUrl) rmSync(path.resolve(root, env.PGLITE_DIR), { recursive: true, force: true });
  // Tests that attack the stored data (e2e/protocols.spec.ts edits a log row in SQL) need the fresh database's URL;
  // with the embedded PGlite there is none (the server process owns that database exclusively).
  if (fresh) {
    const urlFile = path.resolve(root, ".test-data/e2e-database-url");
    rmSync(urlFile, { force: true });
    if (databaseUrl) {
      mkdirSync(path.dirname(urlFile), { recursive: true });
      writeFileSync(urlFile, databaseUrl, { mode: 0o600 });
    }
  }
  let database: Database = await openDatabase({ databaseUrl, pgliteDir: env.PGLITE_DIR });

  // 3. Does the data still belong to this chain? A chain started over has none of our transactions; a local chain
  // killed before it saved its last second has the deployment but not the newest transactions.
  let binding = await readChainBinding(database);
  const mismatch = !binding
    ? undefined
    : !(await bindingMatchesChain(binding, env.RPC_URL))
      ? `the chain at RPC_URL no longer has this version of TrialLedger at ${binding.ledgerAddress} on chain ${binding.chainId}`
      : !(await latestTransactionsOnChain(database, env.RPC_URL))
        ? "the chain at RPC_URL lacks the newest transactions the database recorded (was it killed before it could save?)"
        : undefined;
  if (mismatch) {
    if (!databaseUrl) {
      log(`${mismatch}: starting over with ${ownChain ? "a new local chain and " : ""}a new embedded database and demo data`);
      await database.$close();
      rmSync(path.resolve(root, env.PGLITE_DIR), { recursive: true, force: true });
      if (chainNode) {
        await chainNode.stop();
        await forgetChainState(chainStateDir);
        chainNode = await startChain();
      }
      database = await openDatabase({ pgliteDir: env.PGLITE_DIR });
      binding = null;
    } else {
      throw new EnvError(
        `The database does not belong to this chain: ${mismatch}.\n` +
          "  Point RPC_URL at the chain this data was anchored on, or use a fresh DATABASE_URL.",
      );
    }
  }

  // 4. Contract.
  if (!binding) {
    let ledger: ChainBinding;
    if (env.TRIAL_LEDGER_ADDRESS) {
      const head = await (await import("viem")).createPublicClient({ transport: (await import("viem")).http(env.RPC_URL) }).getBlock();
      ledger = {
        chainId: env.CHAIN_ID,
        ledgerAddress: env.TRIAL_LEDGER_ADDRESS as `0x${string}`,
        deployBlockNumber: head.number.toString(),
        deployBlockHash: head.hash,
      };
    } else if (env.CHAIN_ID === 31337) {
      const deployed = await deployTrialLedger({
        rpcUrl: env.RPC_URL,
        chainId: 31337,
        deployerKey: hardhatDevPrivateKey(0),
        confirmations: 1,
      });
      ledger = {
        chainId: 31337,
        ledgerAddress: deployed.address,
        deployBlockNumber: deployed.blockNumber.toString(),
        deployBlockHash: deployed.blockHash,
      };
      log(`TrialLedger deployed at ${deployed.address} (tx ${deployed.txHash})`);
    } else {
      throw new EnvError("TRIAL_LEDGER_ADDRESS is required on chains other than the local chain 31337 (deploy with npm run contracts:deploy)");
    }
    await writeChainBinding(database, ledger);
    binding = ledger;
  }
  childEnv.TRIAL_LEDGER_ADDRESS = binding.ledgerAddress;
  // The in-app anchorer. On the local chain only, it is the public dev account 0 unless a key is configured;
  // on any other chain the key must come from the environment.
  if (env.CHAIN_ID === 31337 && !env.ANCHORER_PRIVATE_KEY) childEnv.ANCHORER_PRIVATE_KEY = hardhatDevPrivateKey(0);

  // 5. Demo seed (embedded mode, empty database).
  const credentialsFile = process.env.DEMO_CREDENTIALS_PATH ?? path.resolve(root, ".data/demo-credentials.json");
  childEnv.DEMO_CREDENTIALS_PATH = credentialsFile;
  const users = await database.query.user.findFirst({ columns: { id: true } });
  if (embedded && !users) {
    await seedDemo(database, await makeDemoCredentials(credentialsFile), env.CHAIN_ID);
    const demoLog = await seedDemoTrialLog(database);
    if (env.CHAIN_ID === 31337) {
      // The demo sponsor registers the trial from their own (local test) wallet; the portal's anchorer
      // (local account 0) then checkpoints its log.
      const registered = await registerTrialWithKey({
        rpcUrl: env.RPC_URL,
        chainId: 31337,
        contract: binding.ledgerAddress,
        sponsorKey: hardhatDevPrivateKey(1),
        publicTrialId: DEMO_REGISTERED_TRIAL.publicId,
        protocolHash: demoLog.protocolHash,
        anchorer: privateKeyToAccount(hardhatDevPrivateKey(0)).address,
      });
      const block = await createPublicClient({ transport: http(env.RPC_URL) }).getBlock({
        blockNumber: registered.blockNumber,
      });
      await confirmDemoProtocol(database, {
        txHash: registered.txHash,
        blockNumber: registered.blockNumber,
        blockTimestamp: new Date(Number(block.timestamp) * 1000),
        sender: privateKeyToAccount(hardhatDevPrivateKey(1)).address,
      });
      log(`demo trial ${DEMO_REGISTERED_TRIAL.publicId} registered on chain (tx ${registered.txHash}); ${demoLog.records} records await anchoring`);
    }
    log("demo data seeded");
  }
  await database.$close();

  // 6. Web server.
  childEnv.BETTER_AUTH_SECRET = env.BETTER_AUTH_SECRET ?? randomBytes(32).toString("hex");
  childEnv.BETTER_AUTH_URL = env.BETTER_AUTH_URL;
  if (embedded) childEnv.TRIALPROOF_MODE = "embedded";
  childEnv.NEXT_TELEMETRY_DISABLED = "1";
  const next = path.join(root, "node_modules", ".bin", "next");
  if (prod && !existsSync(path.join(root, ".next", "BUILD_ID"))) {
    log("no production build found: running next build");
    const build = spawnSync(next, ["build"], { stdio: "inherit", env: { ...process.env, ...childEnv } });
    if (build.status !== 0) throw new Error("next build failed");
  }
  // Idle keep-alive connections outlive clients' and proxies' reuse windows (Node's 5 s default races them).
  const serverArgs = prod ? ["start", "--keepAliveTimeout", "65000"] : ["dev"];
  // Next.js runs inside the portal's server layer, which reports each connection's peer address to the app
  // (sign-in limits and audit rows are keyed on it: lib/server/auth/client-address.ts).
  const server = spawn(process.execPath, [path.join(root, "scripts", "portal-server.mjs"), ...serverArgs, "-p", String(port), "-H", "127.0.0.1"], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, ...childEnv, NODE_ENV: prod ? "production" : "development" },
  });
  // Next.js announces the address it binds (127.0.0.1); the portal's address is BETTER_AUTH_URL, printed below.
  showOneUrl(server.stdout!, process.stdout);
  children.push(server);
  server.on("exit", (code) => void shutdown(code ?? 1));

  log(
    `portal: ${env.BETTER_AUTH_URL}  (${embedded ? "embedded demo" : "configured services"}; chain ${env.CHAIN_ID}; TrialLedger ${binding.ledgerAddress})`,
  );
  if (embedded) {
    log(`demo accounts (passwords in ${path.relative(root, credentialsFile)} and on the sign-in page):`);
    for (const p of DEMO_PERSONAS) log(`  ${p.role.padEnd(15)} ${p.email}${p.wallet ? `  wallet ${p.wallet}` : ""}`);
  }
}

main().catch(async (error) => {
  console.error(error instanceof EnvError ? error.message : error);
  await shutdown(1);
});
