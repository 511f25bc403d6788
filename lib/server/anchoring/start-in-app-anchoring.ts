import "server-only";
import type { Hex } from "viem";
import { createAnchoringChain } from "@/lib/chain/anchoring/anchoring-clients";
import { trialLedgerAddress } from "@/lib/chain/ledger-address";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { anchoringSettingsOf, describeAnchoringSettings } from "./anchoring-settings";
import { startAnchoringWorker, type AnchoringWorker } from "./start-anchoring-worker";

const globalForAnchoring = globalThis as unknown as { trialproofAnchoring?: Promise<AnchoringWorker | null> };

/**
 * Starts the anchoring loop inside the web server process (the default,
 * docs/architecture.md#where-the-worker-runs), on the app's own database handle. Only when ANCHOR_IN_APP is
 * true and an anchorer key and a TrialLedger address are configured. At most one loop per process (kept on
 * globalThis across hot reloads). Other app instances and `npm run worker` processes may run at the same time:
 * the database serializes them.
 */
export function startInAppAnchoring(): Promise<AnchoringWorker | null> {
  globalForAnchoring.trialproofAnchoring ??= (async () => {
    const e = env();
    if (!e.ANCHOR_IN_APP) return null;
    const contract = trialLedgerAddress();
    if (!e.ANCHORER_PRIVATE_KEY || !contract) {
      console.log(
        `[anchoring] not running in the app: ${!e.ANCHORER_PRIVATE_KEY ? "ANCHORER_PRIVATE_KEY" : "TRIAL_LEDGER_ADDRESS"} is not set` +
          " (records are stored and await anchoring)",
      );
      return null;
    }
    const chain = createAnchoringChain({
      rpcUrl: e.RPC_URL,
      chainId: e.CHAIN_ID,
      contract,
      anchorerPrivateKey: e.ANCHORER_PRIVATE_KEY as Hex,
    });
    const database = await db();
    const settings = anchoringSettingsOf(e);
    console.log(`[anchoring] running in the app as ${chain.account.address} on chain ${e.CHAIN_ID}, TrialLedger ${chain.contract}`);
    console.log(`[anchoring] ${describeAnchoringSettings(settings)}`);
    return startAnchoringWorker({ database, ...chain, ...settings });
  })();
  return globalForAnchoring.trialproofAnchoring;
}
