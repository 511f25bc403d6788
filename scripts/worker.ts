/**
 * The anchoring worker as its own process (production): checkpoints every trial log that grew, batching trials into
 * one transaction (docs/anchoring.md#the-worker). Run it next to the web app (then set ANCHOR_IN_APP=false there), or
 * several of it: the database serializes them.
 *
 *   tsx --conditions=react-server scripts/worker.ts        (npm run worker)
 *
 * Environment: DATABASE_URL (or PGLITE_DIR for the embedded database, only while the app is not running on it),
 * RPC_URL, CHAIN_ID, TRIAL_LEDGER_ADDRESS, ANCHORER_PRIVATE_KEY; optional ANCHOR_INTERVAL_MS, ANCHOR_MAX_LEAVES,
 * PORTAL_ANCHOR_INTERVAL_MS, ANCHOR_DAILY_GAS_BUDGET, ANCHOR_CONFIRMATIONS. Stops cleanly on SIGINT / SIGTERM.
 */
import type { Hex } from "viem";
import { createAnchoringChain } from "@/lib/chain/anchoring/anchoring-clients";
import { openDatabase } from "@/lib/db/open";
import { EnvError, parseEnv } from "@/lib/env";
import { anchoringSettingsOf, describeAnchoringSettings } from "@/lib/server/anchoring/anchoring-settings";
import { startAnchoringWorker } from "@/lib/server/anchoring/start-anchoring-worker";

const REQUIRED = ["RPC_URL", "CHAIN_ID", "TRIAL_LEDGER_ADDRESS", "ANCHORER_PRIVATE_KEY"] as const;

function log(line: string) {
  console.log(`[worker] ${line}`);
}

async function main(): Promise<void> {
  const missing = REQUIRED.filter((name) => !process.env[name]);
  if (missing.length) {
    throw new EnvError(
      `The anchoring worker needs ${missing.join(", ")} (missing from the environment).\n` +
        "  RPC_URL: JSON-RPC endpoint of the chain; CHAIN_ID: its chain id; TRIAL_LEDGER_ADDRESS: the deployed TrialLedger;\n" +
        "  ANCHORER_PRIVATE_KEY: the key the trials name as their anchorer (0x + 64 hex digits).",
    );
  }
  const env = parseEnv(process.env);
  if (!env.DATABASE_URL) log(`no DATABASE_URL: using the embedded database in ${env.PGLITE_DIR} (the app must not be running on it)`);
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR, maxConnections: 4 });
  const chain = createAnchoringChain({
    rpcUrl: env.RPC_URL,
    chainId: env.CHAIN_ID,
    contract: env.TRIAL_LEDGER_ADDRESS as Hex,
    anchorerPrivateKey: env.ANCHORER_PRIVATE_KEY as Hex,
  });
  log(`anchoring as ${chain.account.address} on chain ${env.CHAIN_ID} (${new URL(env.RPC_URL).host}), TrialLedger ${chain.contract}`);
  const settings = anchoringSettingsOf(env);
  log(describeAnchoringSettings(settings));

  const worker = startAnchoringWorker({ database, ...chain, ...settings, log });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping after the current step`);
    await worker.stop();
    await database.$close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(error instanceof EnvError ? error.message : error);
  process.exit(2);
});
