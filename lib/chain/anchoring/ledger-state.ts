import { getAddress, zeroAddress, type Address, type Hex, type PublicClient } from "viem";
import { trialLedgerAbi } from "../generated/trial-ledger";
import { ChainReadError } from "../ledger-reader";

/** What TrialLedger knows about one trial, as far as anchoring is concerned. */
export interface LedgerTrialState {
  registered: boolean;
  sponsor: Address;
  anchorer: Address;
  /** Number of protocol versions the contract holds (0 when not registered). */
  protocolVersions: number;
  /** Latest checkpoint; size 0 (and root 0x00…) when there is none. */
  treeSize: number;
  rootHash: Hex;
}

function toSafeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new ChainReadError(`tree size ${value} is beyond the supported range`);
  return Number(value);
}

/** Reads `trial(id)` and `latestCheckpoint(id)` at the same block. */
export async function readLedgerTrialState(
  client: PublicClient,
  contract: Address,
  chainTrialId: Hex,
  blockNumber?: bigint,
): Promise<LedgerTrialState> {
  const at = blockNumber === undefined ? {} : { blockNumber };
  const [[sponsor, anchorer, protocolVersions], [treeSize, rootHash]] = await Promise.all([
    client.readContract({ address: contract, abi: trialLedgerAbi, functionName: "trial", args: [chainTrialId], ...at }),
    client.readContract({
      address: contract,
      abi: trialLedgerAbi,
      functionName: "latestCheckpoint",
      args: [chainTrialId],
      ...at,
    }),
  ]);
  return {
    registered: sponsor !== zeroAddress,
    sponsor: getAddress(sponsor),
    anchorer: getAddress(anchorer),
    protocolVersions: Number(protocolVersions),
    treeSize: toSafeNumber(treeSize),
    rootHash: rootHash.toLowerCase() as Hex,
  };
}

/** Runs `fn` over `items` with at most `limit` calls in flight, keeping the order of the results. */
export async function mapWithLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  });
  await Promise.all(lanes);
  return results;
}
