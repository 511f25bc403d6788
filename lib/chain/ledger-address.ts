import "server-only";
import type { Address } from "viem";
import { env } from "@/lib/env";
import { trialLedgerDeployments } from "./generated/deployments";

/** TRIAL_LEDGER_ADDRESS wins; otherwise the address recorded for this chain by the deploy script. */
export function trialLedgerAddress(): Address | undefined {
  const e = env();
  if (e.TRIAL_LEDGER_ADDRESS) return e.TRIAL_LEDGER_ADDRESS as Address;
  const recorded = (trialLedgerDeployments as Record<string, { address: Address } | undefined>)[String(e.CHAIN_ID)];
  return recorded?.address;
}
