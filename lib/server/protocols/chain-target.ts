import "server-only";
import { getAddress, type Address } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import type { Database, Tx } from "@/lib/db/client";
import { env } from "@/lib/env";
import { readChainBinding } from "@/lib/runtime/chain-binding";
import { hardhatDevPrivateKey } from "@/lib/chain/local-node";
import { AppError } from "@/lib/server/errors/app-error";

export interface ChainTarget {
  chainId: number;
  contract: Address;
  anchorer: Address;
}

/** The portal's anchorer address: ANCHORER_PRIVATE_KEY's, or local account 0 on the local chain 31337. */
export function portalAnchorerAddress(): Address {
  const e = env();
  if (e.ANCHORER_PRIVATE_KEY) return privateKeyToAccount(e.ANCHORER_PRIVATE_KEY as `0x${string}`).address;
  if (e.CHAIN_ID === 31337) return privateKeyToAccount(hardhatDevPrivateKey(0)).address;
  throw new AppError("CONFLICT", "The portal has no anchorer configured (ANCHORER_PRIVATE_KEY); registration is unavailable.");
}

/** The TrialLedger this portal's data belongs to: the recorded chain binding, else TRIAL_LEDGER_ADDRESS. */
export async function chainTarget(database: Database | Tx): Promise<ChainTarget> {
  const binding = await readChainBinding(database as Database);
  const e = env();
  const contract = binding?.ledgerAddress ?? e.TRIAL_LEDGER_ADDRESS;
  if (!contract) throw new AppError("CONFLICT", "No TrialLedger contract is configured (TRIAL_LEDGER_ADDRESS); registration is unavailable.");
  return { chainId: binding?.chainId ?? e.CHAIN_ID, contract: getAddress(contract), anchorer: portalAnchorerAddress() };
}
