import { keccak256, parseEventLogs, toBytes, zeroAddress, zeroHash, type Address, type Hex, type TransactionReceipt } from "viem";
import { beforeEach, describe, expect, it } from "vitest";
import { trialLedgerAbi, trialLedgerBytecode } from "@/lib/chain/generated/trial-ledger";
import { chainTrialId } from "@/lib/chain/trial-id";
import type { TestWallet as Wallet } from "@/lib/testing/test-ledger";
import { deploy, expectRevert, mined, testChain } from "./chain";
import { flipBit, hex, MerkleLog } from "./merkle";

const abi = trialLedgerAbi;

let ledger: Address;
let sponsor: Wallet;
let anchorer: Wallet;
let stranger: Wallet;
let otherAnchorer: Wallet;

const PROTOCOL_V1 = keccak256(toBytes("protocol v1"));
const PROTOCOL_V2 = keccak256(toBytes("protocol v2"));
const PROTOCOL_V3 = keccak256(toBytes("protocol v3"));

beforeEach(async () => {
  const chain = testChain();
  sponsor = chain.wallet(1);
  anchorer = chain.wallet(2);
  stranger = chain.wallet(3);
  otherAnchorer = chain.wallet(4);
  ({ address: ledger } = await deploy(abi, trialLedgerBytecode));
});

// --- small wrappers ----------------------------------------------------------------------------------------------

function registerTrial(from: Wallet, trialId: Hex, protocolHash: Hex, anchorerAddress: Address) {
  return from.writeContract({
    address: ledger,
    abi,
    functionName: "registerTrial",
    args: [trialId, protocolHash, anchorerAddress],
  });
}
function amendProtocol(from: Wallet, trialId: Hex, protocolHash: Hex) {
  return from.writeContract({ address: ledger, abi, functionName: "amendProtocol", args: [trialId, protocolHash] });
}
function setAnchorer(from: Wallet, trialId: Hex, anchorerAddress: Address) {
  return from.writeContract({ address: ledger, abi, functionName: "setAnchorer", args: [trialId, anchorerAddress] });
}
function checkpoint(from: Wallet, trialId: Hex, treeSize: number, root: Uint8Array | Hex, proof: Uint8Array[] = []) {
  return from.writeContract({
    address: ledger,
    abi,
    functionName: "checkpoint",
    args: [trialId, BigInt(treeSize), typeof root === "string" ? root : hex(root), proof.map(hex)],
  });
}
async function latest(trialId: Hex): Promise<{ treeSize: number; rootHash: Hex }> {
  const [treeSize, rootHash] = await testChain().client.readContract({
    address: ledger,
    abi,
    functionName: "latestCheckpoint",
    args: [trialId],
  });
  return { treeSize: Number(treeSize), rootHash };
}
async function trialInfo(trialId: Hex) {
  const [s, a, version, protocolHash] = await testChain().client.readContract({
    address: ledger,
    abi,
    functionName: "trial",
    args: [trialId],
  });
  return { sponsor: s, anchorer: a, version, protocolHash };
}
function protocolHashAt(trialId: Hex, version: number) {
  return testChain().client.readContract({
    address: ledger,
    abi,
    functionName: "protocolHash",
    args: [trialId, version],
  });
}
function verifyInclusion(trialId: Hex, leaf: Uint8Array | Hex, index: number | bigint, proof: Uint8Array[]) {
  return testChain().client.readContract({
    address: ledger,
    abi,
    functionName: "verifyInclusion",
    args: [trialId, typeof leaf === "string" ? leaf : hex(leaf), BigInt(index), proof.map(hex)],
  });
}
function events(receipt: TransactionReceipt) {
  return parseEventLogs({ abi, logs: receipt.logs }).map((l) => ({
    eventName: l.eventName,
    args: l.args,
    address: l.address,
    topics: l.topics,
  }));
}
async function registered(label: string, anchorerAddress: Address = anchorer.account.address): Promise<Hex> {
  const id = chainTrialId(label);
  await mined(await registerTrial(sponsor, id, PROTOCOL_V1, anchorerAddress));
  return id;
}

// --- registration ------------------------------------------------------------------------------------------------

describe("registerTrial", () => {
  it("makes the caller the sponsor and emits TrialRegistered with exact fields", async () => {
    const id = chainTrialId("TP-2026-0001");
    const receipt = await mined(await registerTrial(sponsor, id, PROTOCOL_V1, anchorer.account.address));

    expect(receipt.logs).toHaveLength(1);
    const log = receipt.logs[0]!;
    expect(log.address.toLowerCase()).toBe(ledger.toLowerCase());
    // Exact event signature, and indexed fields in the topics.
    expect(log.topics[0]).toBe(keccak256(toBytes("TrialRegistered(bytes32,address,bytes32,address)")));
    expect(log.topics[1]).toBe(id);
    expect(log.topics[2]).toBe(`0x${sponsor.account.address.slice(2).toLowerCase().padStart(64, "0")}`);
    expect(events(receipt)[0]).toMatchObject({
      eventName: "TrialRegistered",
      args: {
        trialId: id,
        sponsor: sponsor.account.address,
        protocolHash: PROTOCOL_V1,
        anchorer: anchorer.account.address,
      },
    });

    expect(await trialInfo(id)).toEqual({
      sponsor: sponsor.account.address,
      anchorer: anchorer.account.address,
      version: 1,
      protocolHash: PROTOCOL_V1,
    });
    expect(await protocolHashAt(id, 1)).toBe(PROTOCOL_V1);
    expect(await protocolHashAt(id, 0)).toBe(zeroHash);
    expect(await protocolHashAt(id, 2)).toBe(zeroHash);
    expect(await latest(id)).toEqual({ treeSize: 0, rootHash: zeroHash });
  });

  it("reverts with TrialAlreadyRegistered for an id registered before, whoever asks", async () => {
    const id = await registered("TP-dup");
    await expectRevert(registerTrial(sponsor, id, PROTOCOL_V2, anchorer.account.address), "TrialAlreadyRegistered", [id]);
    await expectRevert(registerTrial(stranger, id, PROTOCOL_V1, stranger.account.address), "TrialAlreadyRegistered", [id]);
    expect((await trialInfo(id)).sponsor).toBe(sponsor.account.address);
  });

  it("refuses a zero protocol hash and a zero anchorer", async () => {
    const id = chainTrialId("TP-zero");
    await expectRevert(registerTrial(sponsor, id, zeroHash, anchorer.account.address), "ZeroProtocolHash", []);
    await expectRevert(registerTrial(sponsor, id, PROTOCOL_V1, zeroAddress), "ZeroAddress", []);
    expect((await trialInfo(id)).sponsor).toBe(zeroAddress);
  });

  it("reads an unknown trial as all zeros", async () => {
    const id = chainTrialId("TP-unknown");
    expect(await trialInfo(id)).toEqual({
      sponsor: zeroAddress,
      anchorer: zeroAddress,
      version: 0,
      protocolHash: zeroHash,
    });
    expect(await latest(id)).toEqual({ treeSize: 0, rootHash: zeroHash });
  });
});

// --- amendments --------------------------------------------------------------------------------------------------

describe("amendProtocol", () => {
  it("lets the sponsor add versions 2, 3, ... with ProtocolAmended events and keeps every version", async () => {
    const id = await registered("TP-amend");
    const r2 = await mined(await amendProtocol(sponsor, id, PROTOCOL_V2));
    expect(r2.logs[0]!.topics[0]).toBe(keccak256(toBytes("ProtocolAmended(bytes32,uint32,bytes32)")));
    expect(events(r2)).toMatchObject([{ eventName: "ProtocolAmended", args: { trialId: id, version: 2, protocolHash: PROTOCOL_V2 } }]);
    const r3 = await mined(await amendProtocol(sponsor, id, PROTOCOL_V3));
    expect(events(r3)).toMatchObject([{ eventName: "ProtocolAmended", args: { trialId: id, version: 3, protocolHash: PROTOCOL_V3 } }]);

    expect(await trialInfo(id)).toMatchObject({
      version: 3,
      protocolHash: PROTOCOL_V3,
      sponsor: sponsor.account.address,
    });
    expect(await protocolHashAt(id, 1)).toBe(PROTOCOL_V1);
    expect(await protocolHashAt(id, 2)).toBe(PROTOCOL_V2);
    expect(await protocolHashAt(id, 3)).toBe(PROTOCOL_V3);
    expect(await protocolHashAt(id, 4)).toBe(zeroHash);
  });

  it("is sponsor only", async () => {
    const id = await registered("TP-amend-auth");
    await expectRevert(amendProtocol(anchorer, id, PROTOCOL_V2), "NotSponsor", [id, anchorer.account.address]);
    await expectRevert(amendProtocol(stranger, id, PROTOCOL_V2), "NotSponsor", [id, stranger.account.address]);
    expect((await trialInfo(id)).version).toBe(1);
  });

  it("refuses unknown trials and zero hashes", async () => {
    const unknown = chainTrialId("TP-nope");
    await expectRevert(amendProtocol(sponsor, unknown, PROTOCOL_V2), "TrialNotRegistered", [unknown]);
    const id = await registered("TP-amend-zero");
    await expectRevert(amendProtocol(sponsor, id, zeroHash), "ZeroProtocolHash", []);
  });
});

// --- anchorer ----------------------------------------------------------------------------------------------------

describe("setAnchorer", () => {
  it("lets the sponsor hand checkpointing to another account (AnchorerChanged)", async () => {
    const log = MerkleLog.synthetic(3);
    const id = await registered("TP-anchorer");
    const receipt = await mined(await setAnchorer(sponsor, id, otherAnchorer.account.address));
    expect(receipt.logs[0]!.topics[0]).toBe(keccak256(toBytes("AnchorerChanged(bytes32,address)")));
    expect(events(receipt)).toMatchObject([{ eventName: "AnchorerChanged", args: { trialId: id, anchorer: otherAnchorer.account.address } }]);
    expect((await trialInfo(id)).anchorer).toBe(otherAnchorer.account.address);

    await expectRevert(checkpoint(anchorer, id, 3, log.root(3)), "NotAnchorer", [id, anchorer.account.address]);
    await mined(await checkpoint(otherAnchorer, id, 3, log.root(3)));
    expect(await latest(id)).toEqual({ treeSize: 3, rootHash: hex(log.root(3)) });
  });

  it("is sponsor only, refuses zero and unknown trials", async () => {
    const id = await registered("TP-anchorer-auth");
    await expectRevert(setAnchorer(anchorer, id, anchorer.account.address), "NotSponsor", [id, anchorer.account.address]);
    await expectRevert(setAnchorer(stranger, id, stranger.account.address), "NotSponsor", [id, stranger.account.address]);
    await expectRevert(setAnchorer(sponsor, id, zeroAddress), "ZeroAddress", []);
    const unknown = chainTrialId("TP-nope");
    await expectRevert(setAnchorer(sponsor, unknown, anchorer.account.address), "TrialNotRegistered", [unknown]);
    expect((await trialInfo(id)).anchorer).toBe(anchorer.account.address);
  });
});

// --- checkpoints -------------------------------------------------------------------------------------------------

describe("checkpoint", () => {
  const log = MerkleLog.synthetic(64, "checkpoint");

  it("is anchorer only (not even the sponsor) and refuses unknown trials", async () => {
    const id = await registered("TP-cp-auth");
    await expectRevert(checkpoint(sponsor, id, 1, log.root(1)), "NotAnchorer", [id, sponsor.account.address]);
    await expectRevert(checkpoint(stranger, id, 1, log.root(1)), "NotAnchorer", [id, stranger.account.address]);
    const unknown = chainTrialId("TP-nope");
    await expectRevert(checkpoint(anchorer, unknown, 1, log.root(1)), "TrialNotRegistered", [unknown]);
    expect(await latest(id)).toEqual({ treeSize: 0, rootHash: zeroHash });
  });

  it("accepts a first checkpoint without proof and emits Checkpointed", async () => {
    const id = await registered("TP-cp-first");
    const receipt = await mined(await checkpoint(anchorer, id, 5, log.root(5)));
    expect(receipt.logs).toHaveLength(1);
    expect(receipt.logs[0]!.topics[0]).toBe(keccak256(toBytes("Checkpointed(bytes32,uint64,bytes32)")));
    expect(events(receipt)).toMatchObject([{ eventName: "Checkpointed", args: { trialId: id, treeSize: 5n, rootHash: hex(log.root(5)) } }]);
    expect(await latest(id)).toEqual({ treeSize: 5, rootHash: hex(log.root(5)) });
  });

  it("refuses a proof with the first checkpoint, a zero root and a zero size", async () => {
    const id = await registered("TP-cp-first-bad");
    await expectRevert(checkpoint(anchorer, id, 5, log.root(5), [log.root(4)]), "UnexpectedConsistencyProof", [id]);
    await expectRevert(checkpoint(anchorer, id, 5, zeroHash), "ZeroRootHash", []);
    await expectRevert(checkpoint(anchorer, id, 0, log.root(0)), "TreeNotGrowing", [0n, 0n]);
    expect(await latest(id)).toEqual({ treeSize: 0, rootHash: zeroHash });
  });

  it("accepts a growing sequence with real RFC 9162 consistency proofs", async () => {
    const id = await registered("TP-cp-seq");
    const sizes = [1, 2, 3, 4, 7, 8, 13, 16, 17, 31, 32, 33, 48, 63, 64];
    let previous = 0;
    for (const size of sizes) {
      const proof = previous === 0 ? [] : log.consistencyProof(previous, size);
      const receipt = await mined(await checkpoint(anchorer, id, size, log.root(size), proof));
      expect(events(receipt)).toMatchObject([
        { eventName: "Checkpointed", args: { trialId: id, treeSize: BigInt(size), rootHash: hex(log.root(size)) } },
      ]);
      expect(await latest(id)).toEqual({ treeSize: size, rootHash: hex(log.root(size)) });
      previous = size;
    }
  });

  it("refuses shrinking and equal sizes with TreeNotGrowing", async () => {
    const id = await registered("TP-cp-monotonic");
    await mined(await checkpoint(anchorer, id, 10, log.root(10)));
    await expectRevert(checkpoint(anchorer, id, 9, log.root(9), log.consistencyProof(9, 10)), "TreeNotGrowing", [10n, 9n]);
    await expectRevert(checkpoint(anchorer, id, 1, log.root(1)), "TreeNotGrowing", [10n, 1n]);
    await expectRevert(checkpoint(anchorer, id, 10, log.root(10)), "TreeNotGrowing", [10n, 10n]);
    await expectRevert(checkpoint(anchorer, id, 0, log.root(0)), "TreeNotGrowing", [10n, 0n]);
    expect(await latest(id)).toEqual({ treeSize: 10, rootHash: hex(log.root(10)) });
  });

  it("refuses inconsistent checkpoints with InconsistentCheckpoint and keeps the stored one", async () => {
    const id = await registered("TP-cp-inconsistent");
    const [from, to] = [13, 29];
    await mined(await checkpoint(anchorer, id, from, log.root(from)));
    const proof = log.consistencyProof(from, to);
    expect(proof.length).toBeGreaterThan(2);

    // Every single bit flip in any proof element is caught (first, middle and last bit of each element).
    for (let i = 0; i < proof.length; i++) {
      for (const bit of [0, 131, 255]) {
        const bad = proof.map((p, j) => (j === i ? flipBit(p, bit) : p));
        await expectRevert(checkpoint(anchorer, id, to, log.root(to), bad), "InconsistentCheckpoint", [id]);
      }
    }
    // Wrong new root (valid proof).
    await expectRevert(checkpoint(anchorer, id, to, flipBit(log.root(to), 7), proof), "InconsistentCheckpoint", [id]);
    // Root of another size, proof for the right sizes.
    await expectRevert(checkpoint(anchorer, id, to, log.root(to - 1), proof), "InconsistentCheckpoint", [id]);
    // Proof for other sizes.
    await expectRevert(checkpoint(anchorer, id, to, log.root(to), log.consistencyProof(from - 1, to)), "InconsistentCheckpoint", [id]);
    await expectRevert(checkpoint(anchorer, id, to + 1, log.root(to + 1), proof), "InconsistentCheckpoint", [id]);
    // Missing, truncated, extended proofs.
    await expectRevert(checkpoint(anchorer, id, to, log.root(to), []), "InconsistentCheckpoint", [id]);
    await expectRevert(checkpoint(anchorer, id, to, log.root(to), proof.slice(0, -1)), "InconsistentCheckpoint", [id]);
    await expectRevert(checkpoint(anchorer, id, to, log.root(to), [...proof, proof[0]!]), "InconsistentCheckpoint", [id]);
    // A forked log: same size, a rewritten leaf inside the checkpointed prefix.
    const forked = new MerkleLog(log.leaves.map((l, i) => (i === 5 ? flipBit(l, 3) : l)));
    await expectRevert(checkpoint(anchorer, id, to, forked.root(to), forked.consistencyProof(from, to)), "InconsistentCheckpoint", [id]);

    expect(await latest(id)).toEqual({ treeSize: from, rootHash: hex(log.root(from)) });
    await mined(await checkpoint(anchorer, id, to, log.root(to), proof));
    expect(await latest(id)).toEqual({ treeSize: to, rootHash: hex(log.root(to)) });
  });

  it("handles a power-of-two old size (proof without the old root) and a bit flip there", async () => {
    const id = await registered("TP-cp-pow2");
    await mined(await checkpoint(anchorer, id, 16, log.root(16)));
    const proof = log.consistencyProof(16, 40);
    await expectRevert(
      checkpoint(
        anchorer,
        id,
        40,
        log.root(40),
        proof.map((p, i) => (i === 0 ? flipBit(p, 200) : p)),
      ),
      "InconsistentCheckpoint",
      [id],
    );
    await mined(await checkpoint(anchorer, id, 40, log.root(40), proof));
    expect(await latest(id)).toEqual({ treeSize: 40, rootHash: hex(log.root(40)) });
  });
});

// --- batch -------------------------------------------------------------------------------------------------------

describe("checkpointBatch", () => {
  const logs = Array.from({ length: 5 }, (_, i) => MerkleLog.synthetic(30 + i, `batch-${i}`));

  function batch(from: Wallet, entries: { id: Hex; size: number; root: Uint8Array; proof: Uint8Array[] }[]) {
    return from.writeContract({
      address: ledger,
      abi,
      functionName: "checkpointBatch",
      args: [
        entries.map((e) => ({
          trialId: e.id,
          treeSize: BigInt(e.size),
          rootHash: hex(e.root),
          consistencyProof: e.proof.map(hex),
        })),
      ],
    });
  }

  it("checkpoints several trials in one transaction, first and subsequent checkpoints", async () => {
    const ids: Hex[] = [];
    for (let i = 0; i < logs.length; i++) ids.push(await registered(`TP-batch-${i}`));

    const first = await mined(
      await batch(
        anchorer,
        logs.map((l, i) => ({ id: ids[i]!, size: 3 + i, root: l.root(3 + i), proof: [] })),
      ),
    );
    expect(events(first).map((e) => e.args)).toEqual(
      logs.map((l, i) => ({ trialId: ids[i], treeSize: BigInt(3 + i), rootHash: hex(l.root(3 + i)) })),
    );

    const second = await mined(
      await batch(
        anchorer,
        logs.map((l, i) => ({ id: ids[i]!, size: l.size, root: l.root(), proof: l.consistencyProof(3 + i, l.size) })),
      ),
    );
    expect(events(second).map((e) => e.args)).toEqual(logs.map((l, i) => ({ trialId: ids[i], treeSize: BigInt(l.size), rootHash: hex(l.root()) })));
    for (let i = 0; i < logs.length; i++) expect(await latest(ids[i]!)).toEqual({ treeSize: logs[i]!.size, rootHash: hex(logs[i]!.root()) });
  });

  it("reverts as a whole when any entry fails, storing nothing", async () => {
    const ids: Hex[] = [];
    for (let i = 0; i < 3; i++) ids.push(await registered(`TP-batch-atomic-${i}`));
    for (let i = 0; i < 3; i++) await mined(await checkpoint(anchorer, ids[i]!, 10, logs[i]!.root(10)));

    const good = (i: number) => ({
      id: ids[i]!,
      size: 20,
      root: logs[i]!.root(20),
      proof: logs[i]!.consistencyProof(10, 20),
    });
    const badProof = { ...good(1), proof: good(1).proof.map((p, j) => (j === 1 ? flipBit(p, 9) : p)) };
    await expectRevert(batch(anchorer, [good(0), badProof, good(2)]), "InconsistentCheckpoint", [ids[1]]);
    await expectRevert(batch(anchorer, [good(0), good(1), { ...good(2), size: 10, root: logs[2]!.root(10), proof: [] }]), "TreeNotGrowing", [
      10n,
      10n,
    ]);

    // An entry for a trial with another anchorer.
    const foreign = await registered("TP-batch-foreign", otherAnchorer.account.address);
    await expectRevert(batch(anchorer, [good(0), { id: foreign, size: 1, root: logs[0]!.root(1), proof: [] }]), "NotAnchorer", [
      foreign,
      anchorer.account.address,
    ]);

    for (let i = 0; i < 3; i++) expect(await latest(ids[i]!)).toEqual({ treeSize: 10, rootHash: hex(logs[i]!.root(10)) });
    await mined(await batch(anchorer, [good(0), good(1), good(2)]));
    for (let i = 0; i < 3; i++) expect((await latest(ids[i]!)).treeSize).toBe(20);
  });

  it("checks a trial listed twice against the checkpoint of its previous entry", async () => {
    const id = await registered("TP-batch-twice");
    const l = logs[0]!;
    await mined(
      await batch(anchorer, [
        { id, size: 5, root: l.root(5), proof: [] },
        { id, size: 9, root: l.root(9), proof: l.consistencyProof(5, 9) },
      ]),
    );
    expect(await latest(id)).toEqual({ treeSize: 9, rootHash: hex(l.root(9)) });
    await expectRevert(
      batch(anchorer, [
        { id, size: 12, root: l.root(12), proof: l.consistencyProof(9, 12) },
        { id, size: 12, root: l.root(12), proof: [] },
      ]),
      "TreeNotGrowing",
      [12n, 12n],
    );
  });

  it("refuses an empty batch", async () => {
    await expectRevert(batch(anchorer, []), "EmptyBatch", []);
  });
});

// --- inclusion ---------------------------------------------------------------------------------------------------

describe("verifyInclusion", () => {
  const log = MerkleLog.synthetic(21, "inclusion");

  it("is false for a trial never checkpointed (registered or not)", async () => {
    const id = await registered("TP-inc-none");
    expect(await verifyInclusion(id, log.leaves[0]!, 0, [])).toBe(false);
    expect(await verifyInclusion(chainTrialId("TP-nope"), log.leaves[0]!, 0, [])).toBe(false);
  });

  it("accepts every valid proof against the latest checkpoint and rejects tampered ones", async () => {
    const id = await registered("TP-inc");
    const size = 13;
    await mined(await checkpoint(anchorer, id, size, log.root(size)));

    for (let i = 0; i < size; i++) {
      const proof = log.inclusionProof(i, size);
      expect(await verifyInclusion(id, log.leaves[i]!, i, proof), `leaf ${i}`).toBe(true);
      // wrong leaf hash, wrong index
      expect(await verifyInclusion(id, flipBit(log.leaves[i]!, 100), i, proof)).toBe(false);
      expect(await verifyInclusion(id, log.leaves[i]!, (i + 1) % size, proof)).toBe(false);
      // every element bit-flipped
      for (let j = 0; j < proof.length; j++) {
        const bad = proof.map((p, k) => (k === j ? flipBit(p, 255) : p));
        expect(await verifyInclusion(id, log.leaves[i]!, i, bad), `leaf ${i} element ${j}`).toBe(false);
      }
      // truncated / extended
      if (proof.length > 0) expect(await verifyInclusion(id, log.leaves[i]!, i, proof.slice(0, -1))).toBe(false);
      expect(await verifyInclusion(id, log.leaves[i]!, i, [...proof, log.leaves[0]!])).toBe(false);
    }
    // outside the tree, never reverts
    expect(await verifyInclusion(id, log.leaves[size]!, size, log.inclusionProof(size - 1, size))).toBe(false);
    expect(await verifyInclusion(id, log.leaves[0]!, 2n ** 64n - 1n, [])).toBe(false);
    expect(await verifyInclusion(id, zeroHash, 0, log.inclusionProof(0, size))).toBe(false);
  });

  it("follows the latest checkpoint as the log grows", async () => {
    const id = await registered("TP-inc-grow");
    await mined(await checkpoint(anchorer, id, 6, log.root(6)));
    const oldProof = log.inclusionProof(2, 6);
    expect(await verifyInclusion(id, log.leaves[2]!, 2, oldProof)).toBe(true);
    await mined(await checkpoint(anchorer, id, 21, log.root(21), log.consistencyProof(6, 21)));
    expect(await verifyInclusion(id, log.leaves[2]!, 2, oldProof)).toBe(false);
    expect(await verifyInclusion(id, log.leaves[2]!, 2, log.inclusionProof(2, 21))).toBe(true);
    expect(await verifyInclusion(id, log.leaves[20]!, 20, log.inclusionProof(20, 21))).toBe(true);
  });
});
