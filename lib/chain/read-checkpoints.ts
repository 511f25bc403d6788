/**
 * A trial's checkpoints as TrialLedger holds them: the latest (`latestCheckpoint`) and every earlier one (the
 * `Checkpointed` events). Isomorphic: viem and lib/integrity only, no `server-only`, no Node API, so the server,
 * the CLI and the browser verifier read the chain the same way.
 */
import type { Hex } from "viem";
import { EMPTY_ROOT, type ChainCheckpoint } from "@/lib/integrity";
import { trialLedgerAbi } from "./generated/trial-ledger";
import { ChainReadError, type LedgerReader } from "./ledger-reader";
import { eventsNamed, readTrialLedgerEvents, type TrialLedgerEventOf } from "./trial-ledger-events";

/** A checkpoint read from the chain; `txHash` / `blockNumber` are known for those read from events. */
export interface OnChainCheckpoint extends ChainCheckpoint {
  readonly txHash?: Hex;
  readonly blockNumber?: number;
}

function toSafeNumber(value: bigint, what: string): number {
  if (value < 0n || value > BigInt(Number.MAX_SAFE_INTEGER)) throw new ChainReadError(`${what} ${value} is beyond the supported range`);
  return Number(value);
}

/**
 * The trial's latest checkpoint. A trial without one (or not registered) reads as size 0: its root is then the
 * empty tree's root (RFC 9162), not the zero word the contract stores for "none".
 */
export async function readLatestCheckpoint(reader: LedgerReader, chainTrialId: Hex): Promise<OnChainCheckpoint> {
  const [treeSize, rootHash] = await reader.client.readContract({
    address: reader.contract,
    abi: trialLedgerAbi,
    functionName: "latestCheckpoint",
    args: [chainTrialId],
  });
  const size = toSafeNumber(treeSize, "tree size");
  return size === 0 ? { treeSize: 0, rootHash: EMPTY_ROOT } : { treeSize: size, rootHash: rootHash.toLowerCase() as Hex };
}

/** A Checkpointed event as a checkpoint (events read from the chain always carry their transaction and block). */
export function checkpointOfEvent(e: TrialLedgerEventOf<"Checkpointed">): OnChainCheckpoint {
  return {
    treeSize: e.treeSize,
    rootHash: e.rootHash,
    ...(e.transactionHash ? { txHash: e.transactionHash } : {}),
    ...(e.blockNumber !== null ? { blockNumber: toSafeNumber(e.blockNumber, "block number") } : {}),
  };
}

/** Every checkpoint of the trial from its Checkpointed events, oldest first. */
export async function readCheckpointHistory(reader: LedgerReader, chainTrialId: Hex): Promise<OnChainCheckpoint[]> {
  return eventsNamed(await readTrialLedgerEvents(reader, chainTrialId), "Checkpointed").map(checkpointOfEvent);
}

/** Both at once: what a bundle or log verification needs from the chain. */
export async function readTrialCheckpoints(
  reader: LedgerReader,
  chainTrialId: Hex,
): Promise<{ latest: OnChainCheckpoint; history: OnChainCheckpoint[] }> {
  const [latest, history] = await Promise.all([readLatestCheckpoint(reader, chainTrialId), readCheckpointHistory(reader, chainTrialId)]);
  // Attach the transaction of the latest checkpoint when the events carry it.
  const event = [...history].reverse().find((h) => h.treeSize === latest.treeSize && h.rootHash === latest.rootHash);
  return { latest: event ?? latest, history };
}
