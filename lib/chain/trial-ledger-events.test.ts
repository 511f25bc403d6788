// TrialLedger's events decoded from real ABI-encoded logs (topics and data built with viem from the generated ABI,
// exactly as the contract emits them), including logs that must not be taken for TrialLedger's.
import { encodeAbiParameters, encodeEventTopics, getAddress, keccak256, numberToHex, toHex, type Hex, type PublicClient, type RpcLog } from "viem";
import { describe, expect, it } from "vitest";
import { trialLedgerAbi } from "./generated/trial-ledger";
import { ChainReadError } from "./ledger-reader";
import { chainTrialId, publicIdHash } from "./trial-id";
import {
  decodeTrialLedgerLog,
  decodeTrialLedgerLogs,
  readTrialLedgerEvents,
  TRIAL_LEDGER_EVENT_SELECTORS,
  type LogLike,
} from "./trial-ledger-events";

const LEDGER = getAddress("0x5fbdb2315678afecb367f032d93f642f64180aa3");
const OTHER = getAddress("0xe7f1725e7734ce288f8367e1bb143e90bb3f0512");
const SPONSOR = getAddress("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
const ANCHORER = getAddress("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
const TRIAL = chainTrialId(SPONSOR, "TP-2026-0001");
const OTHER_TRIAL = chainTrialId(SPONSOR, "TP-2026-0002");
const H1 = keccak256(toHex("protocol v1"));
const H2 = keccak256(toHex("protocol v2"));
const ROOT = keccak256(toHex("root"));

let logIndex = 0;
function at(block: bigint, address: string = LEDGER): Pick<LogLike, "address" | "blockNumber" | "transactionHash" | "logIndex"> {
  return { address, blockNumber: block, transactionHash: keccak256(toHex(`tx ${block}`)), logIndex: logIndex++ };
}

const registered = (block: bigint, trialId: Hex = TRIAL, address: string = LEDGER): LogLike => ({
  ...at(block, address),
  topics: encodeEventTopics({
    abi: trialLedgerAbi,
    eventName: "TrialRegistered",
    args: { trialId, sponsor: SPONSOR, publicIdHash: publicIdHash("TP-2026-0001") },
  }) as Hex[],
  data: encodeAbiParameters([{ type: "bytes32" }, { type: "address" }], [H1, ANCHORER]),
});
const amended = (block: bigint, version: number, hash: Hex, trialId: Hex = TRIAL): LogLike => ({
  ...at(block),
  topics: encodeEventTopics({ abi: trialLedgerAbi, eventName: "ProtocolAmended", args: { trialId } }) as Hex[],
  data: encodeAbiParameters([{ type: "uint32" }, { type: "bytes32" }], [version, hash]),
});
const anchorerChanged = (block: bigint): LogLike => ({
  ...at(block),
  topics: encodeEventTopics({ abi: trialLedgerAbi, eventName: "AnchorerChanged", args: { trialId: TRIAL } }) as Hex[],
  data: encodeAbiParameters([{ type: "address" }], [SPONSOR]),
});
const checkpointed = (block: bigint, treeSize: bigint, root: Hex = ROOT): LogLike => ({
  ...at(block),
  topics: encodeEventTopics({ abi: trialLedgerAbi, eventName: "Checkpointed", args: { trialId: TRIAL } }) as Hex[],
  data: encodeAbiParameters([{ type: "uint64" }, { type: "bytes32" }], [treeSize, root]),
});

describe("decodeTrialLedgerLog", () => {
  it("decodes each of the four events, hashes lowercased and addresses checksummed", () => {
    expect(decodeTrialLedgerLog(registered(10n))).toMatchObject({
      name: "TrialRegistered",
      trialId: TRIAL,
      sponsor: SPONSOR,
      publicIdHash: publicIdHash("TP-2026-0001"),
      protocolHash: H1,
      anchorer: ANCHORER,
      address: LEDGER,
      blockNumber: 10n,
    });
    expect(decodeTrialLedgerLog(amended(11n, 2, H2))).toMatchObject({
      name: "ProtocolAmended",
      trialId: TRIAL,
      version: 2,
      protocolHash: H2,
    });
    expect(decodeTrialLedgerLog(anchorerChanged(12n))).toMatchObject({
      name: "AnchorerChanged",
      trialId: TRIAL,
      anchorer: SPONSOR,
    });
    expect(decodeTrialLedgerLog(checkpointed(13n, 8n))).toMatchObject({
      name: "Checkpointed",
      trialId: TRIAL,
      treeSize: 8,
      rootHash: ROOT,
    });
    const upper = {
      ...checkpointed(13n, 8n),
      topics: checkpointed(13n, 8n).topics.map((t) => t.toUpperCase().replace("0X", "0x") as Hex),
    };
    expect(decodeTrialLedgerLog(upper)).toMatchObject({ trialId: TRIAL });
  });

  it("is null for a log that is no TrialLedger event: another event, a look-alike signature, truncated data", () => {
    const transfer: LogLike = {
      ...at(1n),
      topics: [keccak256(toHex("Transfer(address,address,uint256)")), numberToHex(1, { size: 32 }), numberToHex(2, { size: 32 })],
      data: encodeAbiParameters([{ type: "uint256" }], [5n]),
    };
    expect(decodeTrialLedgerLog(transfer)).toBeNull();
    // Same name, other parameter types: another topic0, not TrialLedger's event.
    const lookAlike = {
      ...checkpointed(1n, 3n),
      topics: [keccak256(toHex("Checkpointed(bytes32,uint256,bytes32)")), TRIAL] as Hex[],
    };
    expect(decodeTrialLedgerLog(lookAlike)).toBeNull();
    expect(decodeTrialLedgerLog({ ...checkpointed(1n, 3n), data: "0x1234" })).toBeNull();
    expect(decodeTrialLedgerLog({ ...registered(1n), topics: [] })).toBeNull();
  });

  it("refuses a tree size beyond Number.MAX_SAFE_INTEGER instead of rounding it", () => {
    expect(() => decodeTrialLedgerLog(checkpointed(1n, 2n ** 60n))).toThrow(ChainReadError);
    expect(decodeTrialLedgerLog(checkpointed(1n, BigInt(Number.MAX_SAFE_INTEGER)))).toMatchObject({
      treeSize: Number.MAX_SAFE_INTEGER,
    });
  });
});

describe("decodeTrialLedgerLogs", () => {
  it("keeps the trusted contract's events of the trial, drops removed logs, and orders them by block and log index", () => {
    const logs = [
      checkpointed(30n, 4n),
      amended(20n, 2, H2),
      registered(10n, TRIAL, OTHER),
      registered(10n),
      { ...amended(25n, 3, H1), removed: true },
      registered(11n, OTHER_TRIAL),
    ];
    const events = decodeTrialLedgerLogs(logs, { contract: LEDGER.toLowerCase(), trialId: TRIAL });
    expect(events.map((e) => [e.name, e.blockNumber])).toEqual([
      ["TrialRegistered", 10n],
      ["ProtocolAmended", 20n],
      ["Checkpointed", 30n],
    ]);
    expect(decodeTrialLedgerLogs(logs, { contract: OTHER }).map((e) => e.name)).toEqual(["TrialRegistered"]);
    expect(decodeTrialLedgerLogs(logs, { contract: LEDGER })).toHaveLength(4);
  });
});

describe("readTrialLedgerEvents", () => {
  it("asks for all four events of the trial in one eth_getLogs and decodes what the node returns", async () => {
    const requests: unknown[] = [];
    const rpc = (log: LogLike): RpcLog => ({
      address: log.address as Hex,
      topics: log.topics as [Hex, ...Hex[]],
      data: log.data,
      blockNumber: numberToHex(log.blockNumber!),
      transactionHash: log.transactionHash!,
      logIndex: numberToHex(log.logIndex!),
      blockHash: keccak256(toHex("block")),
      transactionIndex: "0x0",
      removed: false,
    });
    // Test boundary: a node's JSON-RPC answer, recorded rather than served by a chain.
    const recordingNodeForTest = {
      request: async (args: unknown) => {
        requests.push(args);
        return [rpc(amended(21n, 2, H2)), rpc(registered(20n)), rpc(checkpointed(22n, 5n))];
      },
    } as unknown as PublicClient;
    const events = await readTrialLedgerEvents({ client: recordingNodeForTest, contract: LEDGER, fromBlock: 20n }, TRIAL, { toBlock: 40n });
    expect(events.map((e) => e.name)).toEqual(["TrialRegistered", "ProtocolAmended", "Checkpointed"]);
    expect(requests).toEqual([
      {
        method: "eth_getLogs",
        params: [{ address: LEDGER, topics: [[...TRIAL_LEDGER_EVENT_SELECTORS], TRIAL], fromBlock: "0x14", toBlock: "0x28" }],
      },
    ]);
    expect(TRIAL_LEDGER_EVENT_SELECTORS).toEqual([
      keccak256(toHex("TrialRegistered(bytes32,address,bytes32,bytes32,address)")),
      keccak256(toHex("ProtocolAmended(bytes32,uint32,bytes32)")),
      keccak256(toHex("AnchorerChanged(bytes32,address)")),
      keccak256(toHex("Checkpointed(bytes32,uint64,bytes32)")),
    ]);
  });
});
