/**
 * Where a verifier reads TrialLedger, and the small rules every chain read shares. Isomorphic (viem only).
 */
import { getAddress, type Address, type PublicClient } from "viem";

/** Where to read: a public client for the chain and the TrialLedger address the reader trusts. */
export interface LedgerReader {
  readonly client: PublicClient;
  readonly contract: Address;
  /** First block to scan for events (the contract's deploy block, or the trial's registration); default 0. */
  readonly fromBlock?: bigint;
}

/** The chain answered with something a verifier cannot use (e.g. a number beyond the supported range). */
export class ChainReadError extends Error {
  override name = "ChainReadError";
}

/** Two spellings of one address (checksummed or not) are the same contract. */
export function sameAddress(a: string, b: string): boolean {
  try {
    return getAddress(a) === getAddress(b);
  } catch {
    return false;
  }
}

/** A transport or contract error as one line for a step's detail. */
export function chainErrorText(error: unknown): string {
  if (error && typeof error === "object" && "shortMessage" in error && typeof error.shortMessage === "string") return error.shortMessage;
  return error instanceof Error ? error.message.split("\n")[0]! : String(error);
}
