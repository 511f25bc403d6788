/**
 * What every `trialproof` command shares: the error classes that decide the exit code, and reading the chain.
 *
 * Exit codes: 0 verified / exported; 1 verification failed; 2 usage error; 3 could not complete.
 */
import { createPublicClient, isAddress, type Address, type PublicClient } from "viem";
import { rpcTransport, rpcUrlKind } from "@/lib/chain/chain-definition";
import { chainErrorText } from "@/lib/chain/ledger-reader";

/** Exit 2: the command line is wrong, or names something that does not exist. */
export class UsageError extends Error {}
/** Exit 3: the chain, the portal, a file or the database could not be reached or read. */
export class IncompleteError extends Error {}
/** Exit 1: what was given to verify is not even well-formed, so it cannot verify. */
export class NotJsonError extends Error {}

export function rpcClient(url: string | undefined): { client: PublicClient; url: string } {
  if (!url) throw new UsageError("--rpc <url> is required: the JSON-RPC endpoint of the chain to read");
  if (rpcUrlKind(url) === null) throw new UsageError(`--rpc must be an http(s):// or ws(s):// URL, got "${url}"`);
  // No chain definition: the CLI reads whatever chain the endpoint serves and reports its id.
  return {
    client: createPublicClient({ transport: rpcTransport(url, { retryCount: 1, timeout: 30_000 }) }) as PublicClient,
    url,
  };
}

export function pinnedContract(value: string | undefined): Address | undefined {
  if (value === undefined) return undefined;
  if (!isAddress(value, { strict: false })) throw new UsageError(`--contract must be a 0x-prefixed 20-byte address, got "${value}"`);
  return value;
}

export function fromBlockOption(value: string | undefined): bigint | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError("--from-block must be a block number");
  return BigInt(value);
}

/** The chain id the endpoint serves; IncompleteError when it does not answer. */
export async function chainReachable(client: PublicClient, url: string): Promise<number> {
  try {
    return await client.getChainId();
  } catch (error) {
    throw new IncompleteError(`cannot reach the chain at ${url}: ${chainErrorText(error)}`);
  }
}
