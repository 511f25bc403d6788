/**
 * Everything a verifier needs to know about one trial from TrialLedger, read at ONE block so that the events and
 * the contract's state agree even while the sponsor or the anchorer is writing: the trial's events (one
 * eth_getLogs), `trial(id)` (sponsor and number of protocol versions) and `latestCheckpoint(id)`.
 * Isomorphic (viem + lib/integrity).
 */
import { getAddress, type Address, type Hex } from "viem";
import { EMPTY_ROOT } from "@/lib/integrity";
import { readLedgerTrialState } from "./anchoring/ledger-state";
import type { LedgerReader } from "./ledger-reader";
import type { OnChainCheckpoint } from "./read-checkpoints";
import { readTrialLedgerEvents, type TrialLedgerEvent } from "./trial-ledger-events";

export interface TrialLedgerView {
  readonly chainId: number;
  readonly contract: Address;
  readonly chainTrialId: Hex;
  /** The block every value below was read at. */
  readonly blockNumber: bigint;
  /** The first block scanned for events. */
  readonly fromBlock: bigint;
  /** The trial's TrialLedger events up to `blockNumber`, oldest first. */
  readonly events: readonly TrialLedgerEvent[];
  /** The registering account, or null when the trial is not registered. */
  readonly sponsor: Address | null;
  /** Number of protocol versions the contract holds (0 when not registered). */
  readonly protocolVersions: number;
  /** `latestCheckpoint`: size 0 with the empty tree's root when the trial was never checkpointed. */
  readonly latest: OnChainCheckpoint;
}

/** Reads the view; throws (viem transport errors, ChainReadError) when the chain cannot be read. */
export async function readTrialLedgerView(reader: LedgerReader, chainTrialId: Hex): Promise<TrialLedgerView> {
  const { client, contract } = reader;
  const [chainId, blockNumber] = await Promise.all([client.getChainId(), client.getBlockNumber()]);
  const [events, state] = await Promise.all([
    readTrialLedgerEvents(reader, chainTrialId, { toBlock: blockNumber }),
    readLedgerTrialState(client, contract, chainTrialId, blockNumber),
  ]);
  return {
    chainId,
    contract: getAddress(contract),
    chainTrialId: chainTrialId.toLowerCase() as Hex,
    blockNumber,
    fromBlock: reader.fromBlock ?? 0n,
    events,
    sponsor: state.registered ? state.sponsor : null,
    protocolVersions: state.protocolVersions,
    latest: state.treeSize === 0 ? { treeSize: 0, rootHash: EMPTY_ROOT } : { treeSize: state.treeSize, rootHash: state.rootHash },
  };
}
