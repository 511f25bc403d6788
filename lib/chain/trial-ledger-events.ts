/**
 * TrialLedger's events, decoded in one place: from a transaction receipt's logs (the server's confirmation of a
 * sponsor's transaction, the receipt verifier) and from eth_getLogs (the protocol and checkpoint verifiers). The
 * event signatures are part of the contract's public interface (contracts/TrialLedger.sol); decoding goes through
 * the generated ABI, so a change there breaks the type-check here rather than a verifier at run time.
 * Isomorphic: viem only, no `server-only`, no Node API.
 */
import { decodeEventLog, formatLog, getAddress, numberToHex, toEventSelector, type Address, type Hash, type Hex, type RpcLog } from "viem";
import { trialLedgerAbi } from "./generated/trial-ledger";
import { ChainReadError, sameAddress, type LedgerReader } from "./ledger-reader";

export const TRIAL_LEDGER_EVENT_NAMES = ["TrialRegistered", "ProtocolAmended", "AnchorerChanged", "Checkpointed"] as const;
export type TrialLedgerEventName = (typeof TRIAL_LEDGER_EVENT_NAMES)[number];

/** Where an event was emitted. Pending logs (from a receipt of a block not yet canonical) may lack a position. */
export interface EventLocation {
  readonly address: Address;
  readonly blockNumber: bigint | null;
  readonly transactionHash: Hash | null;
  readonly logIndex: number | null;
}

/** A decoded event: hashes in lowercase hex, addresses checksummed, sizes and versions as numbers. */
export type TrialLedgerEvent = EventLocation &
  (
    | {
        readonly name: "TrialRegistered";
        readonly trialId: Hex;
        readonly sponsor: Address;
        readonly publicIdHash: Hex;
        readonly protocolHash: Hex;
        readonly anchorer: Address;
      }
    | { readonly name: "ProtocolAmended"; readonly trialId: Hex; readonly version: number; readonly protocolHash: Hex }
    | { readonly name: "AnchorerChanged"; readonly trialId: Hex; readonly anchorer: Address }
    | { readonly name: "Checkpointed"; readonly trialId: Hex; readonly treeSize: number; readonly rootHash: Hex }
  );

export type TrialLedgerEventOf<N extends TrialLedgerEventName> = Extract<TrialLedgerEvent, { name: N }>;

/** The fields of a log that decoding needs; viem's `Log` (receipts, getLogs) has them all. */
export interface LogLike {
  readonly address: string;
  readonly topics: readonly Hex[];
  readonly data: Hex;
  readonly blockNumber?: bigint | null;
  readonly transactionHash?: Hash | null;
  readonly logIndex?: number | null;
  readonly removed?: boolean;
}

/** topic0 of each TrialLedger event, from the generated ABI. */
export const TRIAL_LEDGER_EVENT_SELECTORS: readonly Hex[] = TRIAL_LEDGER_EVENT_NAMES.map((name) => {
  const item = trialLedgerAbi.find((x) => x.type === "event" && x.name === name);
  if (!item || item.type !== "event") throw new Error(`TrialLedger ABI has no event ${name}`);
  return toEventSelector(item);
});

const lower = (h: Hex) => h.toLowerCase() as Hex;

function safeNumber(value: bigint | number, what: string): number {
  const n = typeof value === "bigint" ? value : BigInt(value);
  if (n < 0n || n > BigInt(Number.MAX_SAFE_INTEGER)) throw new ChainReadError(`${what} ${n} is beyond the supported range`);
  return Number(n);
}

/**
 * One log as a TrialLedger event, or null when it is none (another contract's event, an unknown topic, malformed
 * data). The caller decides which contract to trust: decoding does not look at `log.address`. A size or version
 * beyond Number.MAX_SAFE_INTEGER throws ChainReadError rather than being rounded.
 */
export function decodeTrialLedgerLog(log: LogLike): TrialLedgerEvent | null {
  let decoded;
  try {
    // Hex is case-insensitive; the event selector comparison is not.
    const topics = log.topics.map((t) => t.toLowerCase() as Hex) as [Hex, ...Hex[]];
    decoded = decodeEventLog({ abi: trialLedgerAbi, data: log.data, topics, strict: true });
  } catch {
    return null;
  }
  const location: EventLocation = {
    address: getAddress(log.address),
    blockNumber: log.blockNumber ?? null,
    transactionHash: log.transactionHash ?? null,
    logIndex: log.logIndex ?? null,
  };
  switch (decoded.eventName) {
    case "TrialRegistered": {
      const a = decoded.args;
      return {
        ...location,
        name: "TrialRegistered",
        trialId: lower(a.trialId),
        sponsor: getAddress(a.sponsor),
        publicIdHash: lower(a.publicIdHash),
        protocolHash: lower(a.protocolHash),
        anchorer: getAddress(a.anchorer),
      };
    }
    case "ProtocolAmended": {
      const a = decoded.args;
      return {
        ...location,
        name: "ProtocolAmended",
        trialId: lower(a.trialId),
        version: safeNumber(a.version, "protocol version"),
        protocolHash: lower(a.protocolHash),
      };
    }
    case "AnchorerChanged":
      return {
        ...location,
        name: "AnchorerChanged",
        trialId: lower(decoded.args.trialId),
        anchorer: getAddress(decoded.args.anchorer),
      };
    case "Checkpointed": {
      const a = decoded.args;
      return {
        ...location,
        name: "Checkpointed",
        trialId: lower(a.trialId),
        treeSize: safeNumber(a.treeSize, "tree size"),
        rootHash: lower(a.rootHash),
      };
    }
    default:
      return null;
  }
}

function chainOrder(a: TrialLedgerEvent, b: TrialLedgerEvent): number {
  const ab = a.blockNumber ?? -1n;
  const bb = b.blockNumber ?? -1n;
  if (ab !== bb) return ab < bb ? -1 : 1;
  return (a.logIndex ?? 0) - (b.logIndex ?? 0);
}

/**
 * The TrialLedger events among `logs` emitted by `contract` (and, with `trialId`, about that trial), oldest first.
 * Logs of other contracts, removed (reorganised) logs and logs that are no TrialLedger event are left out.
 */
export function decodeTrialLedgerLogs(logs: readonly LogLike[], filter: { contract: string; trialId?: Hex }): TrialLedgerEvent[] {
  const trialId = filter.trialId?.toLowerCase();
  const events: TrialLedgerEvent[] = [];
  for (const log of logs) {
    if (log.removed || !sameAddress(log.address, filter.contract)) continue;
    const event = decodeTrialLedgerLog(log);
    if (event && (trialId === undefined || event.trialId === trialId)) events.push(event);
  }
  return events.sort(chainOrder);
}

/** The events of one name, narrowed. */
export function eventsNamed<N extends TrialLedgerEventName>(events: readonly TrialLedgerEvent[], name: N): TrialLedgerEventOf<N>[] {
  return events.filter((e): e is TrialLedgerEventOf<N> => e.name === name);
}

/**
 * Every TrialLedger event of one trial, oldest first, with ONE eth_getLogs: topic0 any of the four events, topic1
 * the trial id (indexed in all of them). `toBlock` pins the read to a block (default: latest).
 */
export async function readTrialLedgerEvents(
  reader: LedgerReader,
  chainTrialId: Hex,
  options: { toBlock?: bigint } = {},
): Promise<TrialLedgerEvent[]> {
  const logs = (await reader.client.request({
    method: "eth_getLogs",
    params: [
      {
        address: reader.contract,
        topics: [[...TRIAL_LEDGER_EVENT_SELECTORS], lower(chainTrialId)],
        fromBlock: numberToHex(reader.fromBlock ?? 0n),
        toBlock: options.toBlock === undefined ? "latest" : numberToHex(options.toBlock),
      },
    ],
  })) as RpcLog[];
  return decodeTrialLedgerLogs(
    logs.map((l) => formatLog(l)),
    { contract: reader.contract, trialId: chainTrialId },
  );
}
