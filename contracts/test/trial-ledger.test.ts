import { keccak256, toBytes, zeroAddress, zeroHash, type Address, type Hex } from "viem";
import { beforeEach, describe, expect, it } from "vitest";
import { trialLedgerAbi } from "@/lib/chain/generated/trial-ledger";
import { chainTrialId, publicIdHash } from "@/lib/chain/trial-id";
import type { TestWallet as Wallet } from "@/lib/testing/test-ledger";
import { expectRevert, mined, testChain } from "./chain";
import { events, LedgerUnderTest } from "./ledger";
import { flipBit, hex, MerkleLog } from "./merkle";

// Registration and trial ids (who gets which id, TrialRegistered, squatting): trial-ids.test.ts.

let ledger: LedgerUnderTest;
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
  ledger = await LedgerUnderTest.deploy();
});

/** The sponsor registers public id `label`; returns the trial id the contract derived for it. */
async function registered(label: string, anchorerAddress: Address = anchorer.account.address): Promise<Hex> {
  await mined(await ledger.registerTrial(sponsor, publicIdHash(label), PROTOCOL_V1, anchorerAddress));
  return chainTrialId(sponsor.account.address, label);
}
/** The id `label` would have if the sponsor registered it (it is not). */
const unregistered = (label: string) => chainTrialId(sponsor.account.address, label);

// --- amendments --------------------------------------------------------------------------------------------------

describe("amendProtocol", () => {
  it("lets the sponsor add versions 2, 3, ... with ProtocolAmended events and keeps every version", async () => {
    const id = await registered("TP-amend");
    const r2 = await mined(await ledger.amendProtocol(sponsor, id, PROTOCOL_V2));
    expect(r2.logs[0]!.topics[0]).toBe(keccak256(toBytes("ProtocolAmended(bytes32,uint32,bytes32)")));
    expect(events(r2)).toMatchObject([{ eventName: "ProtocolAmended", args: { trialId: id, version: 2, protocolHash: PROTOCOL_V2 } }]);
    const r3 = await mined(await ledger.amendProtocol(sponsor, id, PROTOCOL_V3));
    expect(events(r3)).toMatchObject([{ eventName: "ProtocolAmended", args: { trialId: id, version: 3, protocolHash: PROTOCOL_V3 } }]);

    expect(await ledger.trialInfo(id)).toMatchObject({
      version: 3,
      protocolHash: PROTOCOL_V3,
      sponsor: sponsor.account.address,
    });
    expect(await ledger.protocolHashAt(id, 1)).toBe(PROTOCOL_V1);
    expect(await ledger.protocolHashAt(id, 2)).toBe(PROTOCOL_V2);
    expect(await ledger.protocolHashAt(id, 3)).toBe(PROTOCOL_V3);
    expect(await ledger.protocolHashAt(id, 4)).toBe(zeroHash);
  });

  it("is sponsor only", async () => {
    const id = await registered("TP-amend-auth");
    await expectRevert(ledger.amendProtocol(anchorer, id, PROTOCOL_V2), "NotSponsor", [id, anchorer.account.address]);
    await expectRevert(ledger.amendProtocol(stranger, id, PROTOCOL_V2), "NotSponsor", [id, stranger.account.address]);
    expect((await ledger.trialInfo(id)).version).toBe(1);
  });

  it("refuses unknown trials and zero hashes", async () => {
    const unknown = unregistered("TP-nope");
    await expectRevert(ledger.amendProtocol(sponsor, unknown, PROTOCOL_V2), "TrialNotRegistered", [unknown]);
    const id = await registered("TP-amend-zero");
    await expectRevert(ledger.amendProtocol(sponsor, id, zeroHash), "ZeroProtocolHash", []);
  });
});

// --- anchorer ----------------------------------------------------------------------------------------------------

describe("setAnchorer", () => {
  it("lets the sponsor hand checkpointing to another account (AnchorerChanged)", async () => {
    const log = MerkleLog.synthetic(3);
    const id = await registered("TP-anchorer");
    const receipt = await mined(await ledger.setAnchorer(sponsor, id, otherAnchorer.account.address));
    expect(receipt.logs[0]!.topics[0]).toBe(keccak256(toBytes("AnchorerChanged(bytes32,address)")));
    expect(events(receipt)).toMatchObject([{ eventName: "AnchorerChanged", args: { trialId: id, anchorer: otherAnchorer.account.address } }]);
    expect((await ledger.trialInfo(id)).anchorer).toBe(otherAnchorer.account.address);

    await expectRevert(ledger.checkpoint(anchorer, id, 3, log.root(3)), "NotAnchorer", [id, anchorer.account.address]);
    await mined(await ledger.checkpoint(otherAnchorer, id, 3, log.root(3)));
    expect(await ledger.latest(id)).toEqual({ treeSize: 3, rootHash: hex(log.root(3)) });
  });

  it("is sponsor only, refuses zero and unknown trials", async () => {
    const id = await registered("TP-anchorer-auth");
    await expectRevert(ledger.setAnchorer(anchorer, id, anchorer.account.address), "NotSponsor", [id, anchorer.account.address]);
    await expectRevert(ledger.setAnchorer(stranger, id, stranger.account.address), "NotSponsor", [id, stranger.account.address]);
    await expectRevert(ledger.setAnchorer(sponsor, id, zeroAddress), "ZeroAddress", []);
    const unknown = unregistered("TP-nope");
    await expectRevert(ledger.setAnchorer(sponsor, unknown, anchorer.account.address), "TrialNotRegistered", [unknown]);
    expect((await ledger.trialInfo(id)).anchorer).toBe(anchorer.account.address);
  });
});

// --- checkpoints -------------------------------------------------------------------------------------------------

describe("checkpoint", () => {
  const log = MerkleLog.synthetic(64, "checkpoint");

  it("is anchorer only (not even the sponsor) and refuses unknown trials", async () => {
    const id = await registered("TP-cp-auth");
    await expectRevert(ledger.checkpoint(sponsor, id, 1, log.root(1)), "NotAnchorer", [id, sponsor.account.address]);
    await expectRevert(ledger.checkpoint(stranger, id, 1, log.root(1)), "NotAnchorer", [id, stranger.account.address]);
    const unknown = unregistered("TP-nope");
    await expectRevert(ledger.checkpoint(anchorer, unknown, 1, log.root(1)), "TrialNotRegistered", [unknown]);
    expect(await ledger.latest(id)).toEqual({ treeSize: 0, rootHash: zeroHash });
  });

  it("accepts a first checkpoint without proof and emits Checkpointed", async () => {
    const id = await registered("TP-cp-first");
    const receipt = await mined(await ledger.checkpoint(anchorer, id, 5, log.root(5)));
    expect(receipt.logs).toHaveLength(1);
    expect(receipt.logs[0]!.topics[0]).toBe(keccak256(toBytes("Checkpointed(bytes32,uint64,bytes32)")));
    expect(events(receipt)).toMatchObject([{ eventName: "Checkpointed", args: { trialId: id, treeSize: 5n, rootHash: hex(log.root(5)) } }]);
    expect(await ledger.latest(id)).toEqual({ treeSize: 5, rootHash: hex(log.root(5)) });
  });

  it("refuses a proof with the first checkpoint, a zero root and a zero size", async () => {
    const id = await registered("TP-cp-first-bad");
    await expectRevert(ledger.checkpoint(anchorer, id, 5, log.root(5), [log.root(4)]), "UnexpectedConsistencyProof", [id]);
    await expectRevert(ledger.checkpoint(anchorer, id, 5, zeroHash), "ZeroRootHash", []);
    await expectRevert(ledger.checkpoint(anchorer, id, 0, log.root(0)), "TreeNotGrowing", [0n, 0n]);
    expect(await ledger.latest(id)).toEqual({ treeSize: 0, rootHash: zeroHash });
  });

  it("accepts a growing sequence with real RFC 9162 consistency proofs", async () => {
    const id = await registered("TP-cp-seq");
    const sizes = [1, 2, 3, 4, 7, 8, 13, 16, 17, 31, 32, 33, 48, 63, 64];
    let previous = 0;
    for (const size of sizes) {
      const proof = previous === 0 ? [] : log.consistencyProof(previous, size);
      const receipt = await mined(await ledger.checkpoint(anchorer, id, size, log.root(size), proof));
      expect(events(receipt)).toMatchObject([
        { eventName: "Checkpointed", args: { trialId: id, treeSize: BigInt(size), rootHash: hex(log.root(size)) } },
      ]);
      expect(await ledger.latest(id)).toEqual({ treeSize: size, rootHash: hex(log.root(size)) });
      previous = size;
    }
  });

  it("refuses shrinking and equal sizes with TreeNotGrowing", async () => {
    const id = await registered("TP-cp-monotonic");
    await mined(await ledger.checkpoint(anchorer, id, 10, log.root(10)));
    await expectRevert(ledger.checkpoint(anchorer, id, 9, log.root(9), log.consistencyProof(9, 10)), "TreeNotGrowing", [10n, 9n]);
    await expectRevert(ledger.checkpoint(anchorer, id, 1, log.root(1)), "TreeNotGrowing", [10n, 1n]);
    await expectRevert(ledger.checkpoint(anchorer, id, 10, log.root(10)), "TreeNotGrowing", [10n, 10n]);
    await expectRevert(ledger.checkpoint(anchorer, id, 0, log.root(0)), "TreeNotGrowing", [10n, 0n]);
    expect(await ledger.latest(id)).toEqual({ treeSize: 10, rootHash: hex(log.root(10)) });
  });

  it("refuses inconsistent checkpoints with InconsistentCheckpoint and keeps the stored one", async () => {
    const id = await registered("TP-cp-inconsistent");
    const [from, to] = [13, 29];
    await mined(await ledger.checkpoint(anchorer, id, from, log.root(from)));
    const proof = log.consistencyProof(from, to);
    expect(proof.length).toBeGreaterThan(2);

    // Every single bit flip in any proof element is caught (first, middle and last bit of each element).
    for (let i = 0; i < proof.length; i++) {
      for (const bit of [0, 131, 255]) {
        const bad = proof.map((p, j) => (j === i ? flipBit(p, bit) : p));
        await expectRevert(ledger.checkpoint(anchorer, id, to, log.root(to), bad), "InconsistentCheckpoint", [id]);
      }
    }
    // Wrong new root (valid proof).
    await expectRevert(ledger.checkpoint(anchorer, id, to, flipBit(log.root(to), 7), proof), "InconsistentCheckpoint", [id]);
    // Root of another size, proof for the right sizes.
    await expectRevert(ledger.checkpoint(anchorer, id, to, log.root(to - 1), proof), "InconsistentCheckpoint", [id]);
    // Proof for other sizes.
    await expectRevert(ledger.checkpoint(anchorer, id, to, log.root(to), log.consistencyProof(from - 1, to)), "InconsistentCheckpoint", [id]);
    await expectRevert(ledger.checkpoint(anchorer, id, to + 1, log.root(to + 1), proof), "InconsistentCheckpoint", [id]);
    // Missing, truncated, extended proofs.
    await expectRevert(ledger.checkpoint(anchorer, id, to, log.root(to), []), "InconsistentCheckpoint", [id]);
    await expectRevert(ledger.checkpoint(anchorer, id, to, log.root(to), proof.slice(0, -1)), "InconsistentCheckpoint", [id]);
    await expectRevert(ledger.checkpoint(anchorer, id, to, log.root(to), [...proof, proof[0]!]), "InconsistentCheckpoint", [id]);
    // A forked log: same size, a rewritten leaf inside the checkpointed prefix.
    const forked = new MerkleLog(log.leaves.map((l, i) => (i === 5 ? flipBit(l, 3) : l)));
    await expectRevert(ledger.checkpoint(anchorer, id, to, forked.root(to), forked.consistencyProof(from, to)), "InconsistentCheckpoint", [id]);

    expect(await ledger.latest(id)).toEqual({ treeSize: from, rootHash: hex(log.root(from)) });
    await mined(await ledger.checkpoint(anchorer, id, to, log.root(to), proof));
    expect(await ledger.latest(id)).toEqual({ treeSize: to, rootHash: hex(log.root(to)) });
  });

  it("handles a power-of-two old size (proof without the old root) and a bit flip there", async () => {
    const id = await registered("TP-cp-pow2");
    await mined(await ledger.checkpoint(anchorer, id, 16, log.root(16)));
    const proof = log.consistencyProof(16, 40);
    await expectRevert(
      ledger.checkpoint(
        anchorer,
        id,
        40,
        log.root(40),
        proof.map((p, i) => (i === 0 ? flipBit(p, 200) : p)),
      ),
      "InconsistentCheckpoint",
      [id],
    );
    await mined(await ledger.checkpoint(anchorer, id, 40, log.root(40), proof));
    expect(await ledger.latest(id)).toEqual({ treeSize: 40, rootHash: hex(log.root(40)) });
  });
});

// --- batch -------------------------------------------------------------------------------------------------------

describe("checkpointBatch", () => {
  const logs = Array.from({ length: 5 }, (_, i) => MerkleLog.synthetic(30 + i, `batch-${i}`));

  function batch(from: Wallet, entries: { id: Hex; size: number; root: Uint8Array; proof: Uint8Array[] }[]) {
    return from.writeContract({
      address: ledger.address,
      abi: trialLedgerAbi,
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
    for (let i = 0; i < logs.length; i++) expect(await ledger.latest(ids[i]!)).toEqual({ treeSize: logs[i]!.size, rootHash: hex(logs[i]!.root()) });
  });

  it("reverts as a whole when any entry fails, storing nothing", async () => {
    const ids: Hex[] = [];
    for (let i = 0; i < 3; i++) ids.push(await registered(`TP-batch-atomic-${i}`));
    for (let i = 0; i < 3; i++) await mined(await ledger.checkpoint(anchorer, ids[i]!, 10, logs[i]!.root(10)));

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

    for (let i = 0; i < 3; i++) expect(await ledger.latest(ids[i]!)).toEqual({ treeSize: 10, rootHash: hex(logs[i]!.root(10)) });
    await mined(await batch(anchorer, [good(0), good(1), good(2)]));
    for (let i = 0; i < 3; i++) expect((await ledger.latest(ids[i]!)).treeSize).toBe(20);
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
    expect(await ledger.latest(id)).toEqual({ treeSize: 9, rootHash: hex(l.root(9)) });
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
    expect(await ledger.verifyInclusion(id, log.leaves[0]!, 0, [])).toBe(false);
    expect(await ledger.verifyInclusion(unregistered("TP-nope"), log.leaves[0]!, 0, [])).toBe(false);
  });

  it("accepts every valid proof against the latest checkpoint and rejects tampered ones", async () => {
    const id = await registered("TP-inc");
    const size = 13;
    await mined(await ledger.checkpoint(anchorer, id, size, log.root(size)));

    for (let i = 0; i < size; i++) {
      const proof = log.inclusionProof(i, size);
      expect(await ledger.verifyInclusion(id, log.leaves[i]!, i, proof), `leaf ${i}`).toBe(true);
      // wrong leaf hash, wrong index
      expect(await ledger.verifyInclusion(id, flipBit(log.leaves[i]!, 100), i, proof)).toBe(false);
      expect(await ledger.verifyInclusion(id, log.leaves[i]!, (i + 1) % size, proof)).toBe(false);
      // every element bit-flipped
      for (let j = 0; j < proof.length; j++) {
        const bad = proof.map((p, k) => (k === j ? flipBit(p, 255) : p));
        expect(await ledger.verifyInclusion(id, log.leaves[i]!, i, bad), `leaf ${i} element ${j}`).toBe(false);
      }
      // truncated / extended
      if (proof.length > 0) expect(await ledger.verifyInclusion(id, log.leaves[i]!, i, proof.slice(0, -1))).toBe(false);
      expect(await ledger.verifyInclusion(id, log.leaves[i]!, i, [...proof, log.leaves[0]!])).toBe(false);
    }
    // outside the tree, never reverts
    expect(await ledger.verifyInclusion(id, log.leaves[size]!, size, log.inclusionProof(size - 1, size))).toBe(false);
    expect(await ledger.verifyInclusion(id, log.leaves[0]!, 2n ** 64n - 1n, [])).toBe(false);
    expect(await ledger.verifyInclusion(id, zeroHash, 0, log.inclusionProof(0, size))).toBe(false);
  });

  it("follows the latest checkpoint as the log grows", async () => {
    const id = await registered("TP-inc-grow");
    await mined(await ledger.checkpoint(anchorer, id, 6, log.root(6)));
    const oldProof = log.inclusionProof(2, 6);
    expect(await ledger.verifyInclusion(id, log.leaves[2]!, 2, oldProof)).toBe(true);
    await mined(await ledger.checkpoint(anchorer, id, 21, log.root(21), log.consistencyProof(6, 21)));
    expect(await ledger.verifyInclusion(id, log.leaves[2]!, 2, oldProof)).toBe(false);
    expect(await ledger.verifyInclusion(id, log.leaves[2]!, 2, log.inclusionProof(2, 21))).toBe(true);
    expect(await ledger.verifyInclusion(id, log.leaves[20]!, 20, log.inclusionProof(20, 21))).toBe(true);
  });
});
