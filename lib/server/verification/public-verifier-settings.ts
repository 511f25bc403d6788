import "server-only";
import type { Address } from "viem";
import { browserRpcUrl, env } from "@/lib/env";
import { trialLedgerAddress } from "@/lib/chain/ledger-address";

/** What the browser verifier needs to read the chain itself: the chain, a public RPC URL and the TrialLedger. */
export interface PublicVerifierSettings {
  chainId: number;
  /** The RPC URL browsers are given (lib/env.ts browserRpcUrl), as for the wallet. */
  rpcUrl: string;
  /** The TrialLedger this portal anchors to; receipts naming another contract fail. Null if not configured. */
  contract: Address | null;
}

export function publicVerifierSettings(): PublicVerifierSettings {
  const e = env();
  return { chainId: e.CHAIN_ID, rpcUrl: browserRpcUrl(e), contract: trialLedgerAddress() ?? null };
}
