/**
 * A freshly deployed TrialLedger as the contract tests drive it: typed wrappers around its functions and the decoded
 * events of a receipt.
 */
import { parseEventLogs, type Address, type Hex, type TransactionReceipt } from "viem";
import { trialLedgerAbi, trialLedgerBytecode } from "@/lib/chain/generated/trial-ledger";
import type { TestWallet as Wallet } from "@/lib/testing/test-ledger";
import { deploy, testChain } from "./chain";
import { hex } from "./merkle";

const abi = trialLedgerAbi;

export class LedgerUnderTest {
  static async deploy(): Promise<LedgerUnderTest> {
    const { address } = await deploy(abi, trialLedgerBytecode);
    return new LedgerUnderTest(address);
  }

  constructor(readonly address: Address) {}

  registerTrial(from: Wallet, publicIdHash: Hex, protocolHash: Hex, anchorer: Address) {
    return from.writeContract({ address: this.address, abi, functionName: "registerTrial", args: [publicIdHash, protocolHash, anchorer] });
  }

  /** What `registerTrial` would return if `from` sent it now (eth_call, nothing is stored). */
  async registerTrialResult(from: Wallet, publicIdHash: Hex, protocolHash: Hex, anchorer: Address): Promise<Hex> {
    const { result } = await testChain().client.simulateContract({
      account: from.account,
      address: this.address,
      abi,
      functionName: "registerTrial",
      args: [publicIdHash, protocolHash, anchorer],
    });
    return result;
  }

  amendProtocol(from: Wallet, trialId: Hex, protocolHash: Hex) {
    return from.writeContract({ address: this.address, abi, functionName: "amendProtocol", args: [trialId, protocolHash] });
  }

  setAnchorer(from: Wallet, trialId: Hex, anchorer: Address) {
    return from.writeContract({ address: this.address, abi, functionName: "setAnchorer", args: [trialId, anchorer] });
  }

  checkpoint(from: Wallet, trialId: Hex, treeSize: number, root: Uint8Array | Hex, proof: Uint8Array[] = []) {
    return from.writeContract({
      address: this.address,
      abi,
      functionName: "checkpoint",
      args: [trialId, BigInt(treeSize), typeof root === "string" ? root : hex(root), proof.map(hex)],
    });
  }

  trialIdOf(sponsor: Address, publicIdHash: Hex): Promise<Hex> {
    return testChain().client.readContract({ address: this.address, abi, functionName: "trialIdOf", args: [sponsor, publicIdHash] });
  }

  async latest(trialId: Hex): Promise<{ treeSize: number; rootHash: Hex }> {
    const [treeSize, rootHash] = await testChain().client.readContract({
      address: this.address,
      abi,
      functionName: "latestCheckpoint",
      args: [trialId],
    });
    return { treeSize: Number(treeSize), rootHash };
  }

  async trialInfo(trialId: Hex) {
    const [sponsor, anchorer, version, protocolHash] = await testChain().client.readContract({
      address: this.address,
      abi,
      functionName: "trial",
      args: [trialId],
    });
    return { sponsor, anchorer, version, protocolHash };
  }

  protocolHashAt(trialId: Hex, version: number): Promise<Hex> {
    return testChain().client.readContract({ address: this.address, abi, functionName: "protocolHash", args: [trialId, version] });
  }

  verifyInclusion(trialId: Hex, leaf: Uint8Array | Hex, index: number | bigint, proof: Uint8Array[]): Promise<boolean> {
    return testChain().client.readContract({
      address: this.address,
      abi,
      functionName: "verifyInclusion",
      args: [trialId, typeof leaf === "string" ? leaf : hex(leaf), BigInt(index), proof.map(hex)],
    });
  }
}

/** The TrialLedger events of a receipt, decoded. */
export function events(receipt: TransactionReceipt) {
  return parseEventLogs({ abi, logs: receipt.logs }).map((l) => ({
    eventName: l.eventName,
    args: l.args,
    address: l.address,
    topics: l.topics,
  }));
}
