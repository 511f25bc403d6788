/**
 * Registration and trial ids. TrialLedger derives a trial's id from the registering account and the hash of the public
 * trial id, `trialIdOf(sponsor, publicIdHash) = keccak256(abi.encode(sponsor, publicIdHash))`, so nobody but the
 * sponsor can ever hold the sponsor's id: squatting a public id, front-running or replaying the sponsor's
 * registerTrial only ever registers the attacker's own id. The tests below attack that guarantee.
 */
import { createTestClient, encodeAbiParameters, getAddress, http, keccak256, toBytes, zeroAddress, zeroHash, type Hex } from "viem";
import { beforeEach, describe, expect, it } from "vitest";
import { chainTrialId, publicIdHash } from "@/lib/chain/trial-id";
import type { TestWallet as Wallet } from "@/lib/testing/test-ledger";
import { expectRevert, mined, testChain } from "./chain";
import { events, LedgerUnderTest } from "./ledger";
import { MerkleLog } from "./merkle";

let ledger: LedgerUnderTest;
let sponsor: Wallet;
let anchorer: Wallet;
let attacker: Wallet;

const PROTOCOL_V1 = keccak256(toBytes("protocol v1"));
const PROTOCOL_V2 = keccak256(toBytes("protocol v2"));
const ATTACKER_PROTOCOL = keccak256(toBytes("attacker's protocol"));
const NON_ASCII_ID = "TP-2026-Étude-Ωμέγα-試験-🧪";

beforeEach(async () => {
  const chain = testChain();
  sponsor = chain.wallet(1);
  anchorer = chain.wallet(2);
  attacker = chain.wallet(5);
  ledger = await LedgerUnderTest.deploy();
});

const sponsorId = (publicId: string) => chainTrialId(sponsor.account.address, publicId);
const attackerId = (publicId: string) => chainTrialId(attacker.account.address, publicId);

async function registerAs(from: Wallet, publicId: string, protocolHash = PROTOCOL_V1, anchorerAddress = anchorer.account.address) {
  return mined(await ledger.registerTrial(from, publicIdHash(publicId), protocolHash, anchorerAddress));
}

// --- registration ------------------------------------------------------------------------------------------------

describe("registerTrial", () => {
  it("returns trialIdOf(sender, publicIdHash) and emits TrialRegistered with exact fields", async () => {
    const h = publicIdHash("TP-2026-0001");
    const id = sponsorId("TP-2026-0001");
    expect(await ledger.registerTrialResult(sponsor, h, PROTOCOL_V1, anchorer.account.address)).toBe(id);
    expect(await ledger.trialIdOf(sponsor.account.address, h)).toBe(id);

    const receipt = await mined(await ledger.registerTrial(sponsor, h, PROTOCOL_V1, anchorer.account.address));
    expect(receipt.logs).toHaveLength(1);
    const log = receipt.logs[0]!;
    expect(log.address.toLowerCase()).toBe(ledger.address.toLowerCase());
    // Exact event signature; trialId, sponsor and publicIdHash indexed, protocolHash and anchorer in the data.
    expect(log.topics).toEqual([
      keccak256(toBytes("TrialRegistered(bytes32,address,bytes32,bytes32,address)")),
      id,
      `0x${sponsor.account.address.slice(2).toLowerCase().padStart(64, "0")}`,
      h,
    ]);
    expect(log.data).toBe(encodeAbiParameters([{ type: "bytes32" }, { type: "address" }], [PROTOCOL_V1, anchorer.account.address]));
    expect(events(receipt)).toMatchObject([
      {
        eventName: "TrialRegistered",
        args: { trialId: id, sponsor: sponsor.account.address, publicIdHash: h, protocolHash: PROTOCOL_V1, anchorer: anchorer.account.address },
      },
    ]);

    expect(await ledger.trialInfo(id)).toEqual({
      sponsor: sponsor.account.address,
      anchorer: anchorer.account.address,
      version: 1,
      protocolHash: PROTOCOL_V1,
    });
    expect(await ledger.protocolHashAt(id, 1)).toBe(PROTOCOL_V1);
    expect(await ledger.protocolHashAt(id, 0)).toBe(zeroHash);
    expect(await ledger.protocolHashAt(id, 2)).toBe(zeroHash);
    expect(await ledger.latest(id)).toEqual({ treeSize: 0, rootHash: zeroHash });
    // Nothing is stored under the bare public id hash.
    expect((await ledger.trialInfo(h)).sponsor).toBe(zeroAddress);
  });

  it("reverts with TrialAlreadyRegistered(trialId) when the same sponsor registers the same public id again", async () => {
    await registerAs(sponsor, "TP-dup");
    const id = sponsorId("TP-dup");
    const h = publicIdHash("TP-dup");
    await expectRevert(ledger.registerTrial(sponsor, h, PROTOCOL_V1, anchorer.account.address), "TrialAlreadyRegistered", [id]);
    await expectRevert(ledger.registerTrial(sponsor, h, PROTOCOL_V2, attacker.account.address), "TrialAlreadyRegistered", [id]);
    expect(await ledger.trialInfo(id)).toEqual({
      sponsor: sponsor.account.address,
      anchorer: anchorer.account.address,
      version: 1,
      protocolHash: PROTOCOL_V1,
    });
  });

  it("refuses a zero publicIdHash with ZeroPublicIdHash, before any other check", async () => {
    await expectRevert(ledger.registerTrial(sponsor, zeroHash, PROTOCOL_V1, anchorer.account.address), "ZeroPublicIdHash", []);
    await expectRevert(ledger.registerTrial(sponsor, zeroHash, zeroHash, zeroAddress), "ZeroPublicIdHash", []);
    await expectRevert(ledger.registerTrial(attacker, zeroHash, PROTOCOL_V1, attacker.account.address), "ZeroPublicIdHash", []);
    expect((await ledger.trialInfo(await ledger.trialIdOf(sponsor.account.address, zeroHash))).sponsor).toBe(zeroAddress);
  });

  it("refuses a zero protocol hash and a zero anchorer", async () => {
    const h = publicIdHash("TP-zero");
    await expectRevert(ledger.registerTrial(sponsor, h, zeroHash, anchorer.account.address), "ZeroProtocolHash", []);
    await expectRevert(ledger.registerTrial(sponsor, h, PROTOCOL_V1, zeroAddress), "ZeroAddress", []);
    expect((await ledger.trialInfo(sponsorId("TP-zero"))).sponsor).toBe(zeroAddress);
  });

  it("reads an unknown trial as all zeros", async () => {
    const id = sponsorId("TP-unknown");
    expect(await ledger.trialInfo(id)).toEqual({ sponsor: zeroAddress, anchorer: zeroAddress, version: 0, protocolHash: zeroHash });
    expect(await ledger.latest(id)).toEqual({ treeSize: 0, rootHash: zeroHash });
  });
});

// --- attacks on the sponsor's id -----------------------------------------------------------------------------------

describe("a trial id belongs to its sponsor", () => {
  it("a squatter registering the public id first gets its own id; the sponsor still registers afterwards", async () => {
    const h = publicIdHash("TP-2026-0042");
    const squat = await registerAs(attacker, "TP-2026-0042", ATTACKER_PROTOCOL, attacker.account.address);
    expect(events(squat)).toMatchObject([
      { eventName: "TrialRegistered", args: { trialId: attackerId("TP-2026-0042"), sponsor: attacker.account.address, publicIdHash: h } },
    ]);
    expect(attackerId("TP-2026-0042")).not.toBe(sponsorId("TP-2026-0042"));
    expect((await ledger.trialInfo(sponsorId("TP-2026-0042"))).sponsor).toBe(zeroAddress);

    const own = await registerAs(sponsor, "TP-2026-0042");
    expect(events(own)).toMatchObject([
      {
        eventName: "TrialRegistered",
        args: { trialId: sponsorId("TP-2026-0042"), sponsor: sponsor.account.address, publicIdHash: h, protocolHash: PROTOCOL_V1 },
      },
    ]);
    expect(await ledger.trialInfo(sponsorId("TP-2026-0042"))).toEqual({
      sponsor: sponsor.account.address,
      anchorer: anchorer.account.address,
      version: 1,
      protocolHash: PROTOCOL_V1,
    });
    // The squatter's registration is a separate trial of its own.
    expect(await ledger.trialInfo(attackerId("TP-2026-0042"))).toEqual({
      sponsor: attacker.account.address,
      anchorer: attacker.account.address,
      version: 1,
      protocolHash: ATTACKER_PROTOCOL,
    });
  });

  it("front-running the sponsor's pending registerTrial with its exact calldata registers the attacker's id only", async () => {
    const testClient = createTestClient({ mode: "hardhat", transport: http(testChain().url) });
    const publicId = "TP-2026-0077";
    await testClient.setAutomine(false);
    let sponsorHash: Hex;
    let attackerHash: Hex;
    try {
      sponsorHash = await ledger.registerTrial(sponsor, publicIdHash(publicId), PROTOCOL_V1, anchorer.account.address);
      // The attacker sees the pending transaction and sends its calldata from its own account with a higher tip.
      const pending = await testChain().client.getTransaction({ hash: sponsorHash });
      attackerHash = await attacker.sendTransaction({
        to: ledger.address,
        data: pending.input,
        maxFeePerGas: pending.maxFeePerGas! * 2n,
        maxPriorityFeePerGas: pending.maxPriorityFeePerGas! * 2n + 1n,
      });
      await testClient.mine({ blocks: 1 });
    } finally {
      await testClient.setAutomine(true);
    }
    const [first, second] = [await mined(attackerHash), await mined(sponsorHash)];
    expect(first.blockNumber).toBe(second.blockNumber);
    expect(first.transactionIndex).toBeLessThan(second.transactionIndex);

    expect(events(first)).toMatchObject([{ args: { trialId: attackerId(publicId), sponsor: attacker.account.address } }]);
    expect(events(second)).toMatchObject([{ args: { trialId: sponsorId(publicId), sponsor: sponsor.account.address } }]);
    expect(await ledger.trialInfo(sponsorId(publicId))).toMatchObject({ sponsor: sponsor.account.address, anchorer: anchorer.account.address });
    // The copy names the sponsor's anchorer, but in a trial the attacker sponsors.
    expect(await ledger.trialInfo(attackerId(publicId))).toMatchObject({ sponsor: attacker.account.address, anchorer: anchorer.account.address });
  });

  it("a replay of the sponsor's calldata after it was mined reverts for the sponsor and registers the replayer's own id", async () => {
    const publicId = "TP-2026-0078";
    const receipt = await registerAs(sponsor, publicId);
    const { input } = await testChain().client.getTransaction({ hash: receipt.transactionHash });
    await expectRevert(ledger.registerTrial(sponsor, publicIdHash(publicId), PROTOCOL_V1, anchorer.account.address), "TrialAlreadyRegistered", [
      sponsorId(publicId),
    ]);
    const replay = await mined(await attacker.sendTransaction({ to: ledger.address, data: input }));
    expect(events(replay)).toMatchObject([{ args: { trialId: attackerId(publicId), sponsor: attacker.account.address } }]);
    expect((await ledger.trialInfo(sponsorId(publicId))).sponsor).toBe(sponsor.account.address);
  });

  it("passing the sponsor's trial id as publicIdHash does not reach the sponsor's trial", async () => {
    await registerAs(sponsor, "TP-2026-0099");
    const target = sponsorId("TP-2026-0099");
    const receipt = await mined(await ledger.registerTrial(attacker, target, ATTACKER_PROTOCOL, attacker.account.address));
    const derived = await ledger.trialIdOf(attacker.account.address, target);
    expect(derived).not.toBe(target);
    expect(events(receipt)).toMatchObject([{ args: { trialId: derived, sponsor: attacker.account.address, publicIdHash: target } }]);
    expect(await ledger.trialInfo(target)).toMatchObject({ sponsor: sponsor.account.address, protocolHash: PROTOCOL_V1 });
  });

  it("the squatter cannot amend, re-anchor or checkpoint the sponsor's trial, and its own trial changes nothing there", async () => {
    const publicId = "TP-2026-0100";
    await registerAs(attacker, publicId, ATTACKER_PROTOCOL, attacker.account.address);
    await registerAs(sponsor, publicId);
    const id = sponsorId(publicId);
    const root = MerkleLog.synthetic(4, "squat").root(4);

    await expectRevert(ledger.amendProtocol(attacker, id, ATTACKER_PROTOCOL), "NotSponsor", [id, attacker.account.address]);
    await expectRevert(ledger.setAnchorer(attacker, id, attacker.account.address), "NotSponsor", [id, attacker.account.address]);
    await expectRevert(ledger.checkpoint(attacker, id, 4, root), "NotAnchorer", [id, attacker.account.address]);

    // The attacker fully controls its own trial of the same public id; the sponsor's is untouched.
    const own = attackerId(publicId);
    await mined(await ledger.amendProtocol(attacker, own, PROTOCOL_V2));
    await mined(await ledger.checkpoint(attacker, own, 4, root));
    expect(await ledger.trialInfo(id)).toEqual({
      sponsor: sponsor.account.address,
      anchorer: anchorer.account.address,
      version: 1,
      protocolHash: PROTOCOL_V1,
    });
    expect(await ledger.latest(id)).toEqual({ treeSize: 0, rootHash: zeroHash });
    // ...and the sponsor cannot manage the attacker's trial either.
    await expectRevert(ledger.amendProtocol(sponsor, own, PROTOCOL_V2), "NotSponsor", [own, sponsor.account.address]);
  });
});

// --- the id derivation, on chain and in TypeScript -----------------------------------------------------------------

describe("trialIdOf", () => {
  const publicIds = ["TP-2026-0001", "TP-2026-0002", "x", " TP-2026-0001 ", NON_ASCII_ID, "Étude".normalize("NFD"), "TP-".repeat(100)];

  it("equals chainTrialId(sponsor, publicId) from lib/chain/trial-id, for several sponsors and public ids", async () => {
    const sponsors = [sponsor.account.address, attacker.account.address, getAddress("0x00000000000000000000000000000000000000ff")];
    for (const account of sponsors) {
      for (const publicId of publicIds) {
        // publicIdHash is keccak256 of the exact UTF-8 bytes (cross-checked with viem's encoder).
        expect(publicIdHash(publicId)).toBe(keccak256(toBytes(publicId)));
        const onChain = await ledger.trialIdOf(account, publicIdHash(publicId));
        expect(onChain, `${account} ${publicId}`).toBe(chainTrialId(account, publicId));
        expect(chainTrialId(account.toLowerCase(), publicId)).toBe(onChain);
      }
    }
    // Different ids for different sponsors, and no Unicode normalisation: NFC and NFD spellings differ.
    expect(sponsorId(NON_ASCII_ID)).not.toBe(attackerId(NON_ASCII_ID));
    expect(sponsorId("Étude".normalize("NFC"))).not.toBe(sponsorId("Étude".normalize("NFD")));
    expect(sponsorId(" TP-2026-0001 ")).not.toBe(sponsorId("TP-2026-0001"));
  });

  it("is the id a registration of a non-ASCII public id is stored under", async () => {
    const receipt = await registerAs(sponsor, NON_ASCII_ID);
    expect(events(receipt)).toMatchObject([{ args: { trialId: sponsorId(NON_ASCII_ID), publicIdHash: keccak256(toBytes(NON_ASCII_ID)) } }]);
    expect((await ledger.trialInfo(sponsorId(NON_ASCII_ID))).sponsor).toBe(sponsor.account.address);
    expect((await ledger.trialInfo(sponsorId(NON_ASCII_ID.normalize("NFD")))).sponsor).toBe(zeroAddress);
  });
});
