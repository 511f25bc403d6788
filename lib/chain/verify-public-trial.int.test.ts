// verifyPublicTrialOnChain against a real Hardhat node: the sponsor registers and amends a protocol with its own
// wallet, the anchorer checkpoints the trial's log, and the published versions are checked the way the public
// trial page and `trialproof verify-protocol` check them. Every attack must fail and name what it broke.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keccak256, toHex, type Hex } from "viem";
import { buildEnvelope, canonicalize, consistencyProof, inclusionProof, leafHash, randomSalt, rootFromLeafHashes } from "@/lib/integrity";
import {
  amendProtocolOnChainForTest,
  chainTrialIdForTest,
  minedOrThrow,
  registerTrialOnChainForTest,
  startTestLedger,
  type TestLedger,
} from "@/lib/testing/test-ledger";
import { trialLedgerAbi } from "./generated/trial-ledger";
import { verifyPublicTrialOnChain, type PublicTrialClaim, type PublicVersionClaim } from "./verify-public-trial";

const ID = "TP-2026-0701";
let ledger: TestLedger;
let registeredAt: bigint;
/** The trial's log: protocol versions 1..3 at indexes 0, 3 and 5, other records in between. */
const leaves: Hex[] = [];
const versionIndex = new Map<number, number>();
const envelopes = new Map<number, Record<string, unknown>>();
/** Checkpoints written on chain: size → transaction. */
const checkpoints = new Map<number, Hex>();

function protocolEnvelope(version: number) {
  return buildEnvelope({
    kind: "protocol.version",
    trial: ID,
    actor: { role: "sponsor", id: "usr_sponsor0701" },
    body: {
      version,
      protocol: { publicTitle: `Trial ${ID}`, targetSampleSize: String(100 + version) },
      ...(version > 1 ? { reason: `Amendment ${version}` } : {}),
    },
    salt: randomSalt(),
  } as Parameters<typeof buildEnvelope>[0]) as unknown as Record<string, unknown>;
}

function appendVersion(version: number): Hex {
  const envelope = protocolEnvelope(version);
  envelopes.set(version, envelope);
  versionIndex.set(version, leaves.length);
  const hash = leafHash(canonicalize(envelope));
  leaves.push(hash);
  return hash;
}

const appendOther = (n: number) => leaves.push(leafHash(canonicalize({ other: n })));

async function checkpointAt(size: number, from: number): Promise<void> {
  const hash = await ledger.anchorer.writeContract({
    address: ledger.contract,
    abi: trialLedgerAbi,
    functionName: "checkpoint",
    args: [
      chainTrialIdForTest(ledger, ID),
      BigInt(size),
      rootFromLeafHashes(leaves.slice(0, size)),
      from === 0 ? [] : consistencyProof(leaves.slice(0, size), from),
    ],
  });
  await minedOrThrow(ledger.client, hash);
  checkpoints.set(size, hash);
}

/** What the portal publishes when honest: every version, anchored in the checkpoint of `size` when it covers it. */
function honestVersion(version: number, size: number): PublicVersionClaim {
  const index = versionIndex.get(version)!;
  const covered = index < size;
  return {
    version,
    envelope: envelopes.get(version),
    shownProtocol: (envelopes.get(version)!.body as { protocol: unknown }).protocol,
    leafIndex: index,
    anchored: covered ? { treeSize: size, rootHash: rootFromLeafHashes(leaves.slice(0, size)), txHash: checkpoints.get(size)! } : null,
    inclusionProof: covered ? inclusionProof(leaves.slice(0, size), index) : null,
  };
}

function honest(size = 6): PublicTrialClaim {
  return {
    publicId: ID,
    sponsor: ledger.sponsor.account.address,
    versions: [1, 2, 3].map((v) => honestVersion(v, size)),
  };
}

const verify = (claim: PublicTrialClaim, fromBlock = registeredAt) =>
  verifyPublicTrialOnChain({ client: ledger.client, contract: ledger.contract, fromBlock }, claim);
const step = (steps: readonly { id: string }[], id: string) => steps.find((s) => s.id === id) as { status: string; detail: string } | undefined;
const versionStep = (r: Awaited<ReturnType<typeof verify>>, version: number, id: string) =>
  step(r.versions.find((v) => v.version === version)!.steps, id);

beforeAll(async () => {
  ledger = await startTestLedger();
  const v1 = appendVersion(1);
  appendOther(1);
  appendOther(2);
  registeredAt = (await registerTrialOnChainForTest(ledger, ID, v1)).blockNumber;
  await checkpointAt(3, 0);
  await amendProtocolOnChainForTest(ledger, ID, appendVersion(2));
  appendOther(3);
  await amendProtocolOnChainForTest(ledger, ID, appendVersion(3));
  await checkpointAt(6, 3);
});
afterAll(async () => {
  await ledger?.stop();
});

describe("verifyPublicTrialOnChain", () => {
  it("verifies the honest portal: every commitment in order, the sponsor, the latest checkpoint and each inclusion", async () => {
    const r = await verify(honest());
    expect(r.ok).toBe(true);
    expect(r.failing).toEqual([]);
    expect(r.notAnchored).toEqual([]);
    expect([...r.chainSteps, r.checkpointStep].map((s) => [s.id, s.status])).toEqual([
      ["registered", "pass"],
      ["versions", "pass"],
      ["sponsor", "pass"],
      ["checkpoint", "pass"],
    ]);
    for (const v of r.versions)
      expect(v.steps.map((s) => [s.id, s.status])).toEqual([
        ["record", "pass"],
        ["hash", "pass"],
        ["shown", "pass"],
        ["match", "pass"],
        ["inclusion", "pass"],
      ]);
    expect(step(r.chainSteps, "versions")!.detail).toMatch(/^version 1 in block \d+.*; version 2 in block .*; version 3 in block /);
    expect(r.checkpointStep.detail).toContain(checkpoints.get(6)!);
  });

  it("accepts an earlier checkpoint of the trial, saying the trial has grown since; a version it does not cover is not anchored yet", async () => {
    const r = await verify(honest(3));
    expect(r.ok).toBe(true);
    expect(r.checkpointStep.detail).toMatch(/size 3, .*has grown since \(latest: size 6\)/);
    expect(versionStep(r, 1, "inclusion")!.status).toBe("pass");
    expect(versionStep(r, 2, "inclusion")).toMatchObject({
      status: "skip",
      detail: expect.stringMatching(/not anchored yet/),
    });
  });

  it("a tampered record fails its version, by its commitment and by its inclusion", async () => {
    const claim = honest();
    const edited = structuredClone(envelopes.get(2)!) as { body: { protocol: Record<string, unknown> } };
    edited.body.protocol.targetSampleSize = "90";
    const versions = claim.versions.map((v) => (v.version === 2 ? { ...v, envelope: edited, shownProtocol: edited.body.protocol } : v));
    const r = await verify({ ...claim, versions });
    expect(r.ok).toBe(false);
    expect(r.failing).toEqual([2]);
    expect(r.notAnchored).toEqual([2]);
    expect(versionStep(r, 2, "match")!.detail).toMatch(/^the record hashes to 0x[0-9a-f]{64}, but the sponsor committed 0x/);
    expect(versionStep(r, 2, "inclusion")!.status).toBe("fail");
    expect(r.versions.filter((v) => v.ok).map((v) => v.version)).toEqual([1, 3]);
  });

  it("a page showing another protocol than the record fails that version's shown step", async () => {
    const claim = honest();
    const versions = claim.versions.map((v) => (v.version === 3 ? { ...v, shownProtocol: { publicTitle: "Something else" } } : v));
    const r = await verify({ ...claim, versions });
    expect(r.failing).toEqual([3]);
    expect(versionStep(r, 3, "shown")!.status).toBe("fail");
    expect(versionStep(r, 3, "match")!.status).toBe("pass");
  });

  it("records served in the wrong order fail both versions, naming whose record each one is", async () => {
    const claim = honest();
    const [one, two, three] = claim.versions;
    const r = await verify({
      ...claim,
      versions: [one!, { ...two!, envelope: three!.envelope }, { ...three!, envelope: two!.envelope }],
    });
    expect(r.failing).toEqual([2, 3]);
    expect(versionStep(r, 2, "record")!.detail).toBe("the record served as version 2 is version 3's record");
    expect(versionStep(r, 3, "record")!.detail).toBe("the record served as version 3 is version 2's record");
    expect(versionStep(r, 2, "match")!.status).toBe("fail");
  });

  it("a sponsor who never registered the trial finds no registration: nothing verifies", async () => {
    // The id binds the sponsor (docs/ledger.md#trial-ids): naming another wallet reads another, unregistered id.
    const r = await verify({ ...honest(), sponsor: ledger.wallet(5).account.address });
    expect(r.ok).toBe(false);
    expect(r.failing).toEqual([1, 2, 3]);
    expect(step(r.chainSteps, "sponsor")?.status).toBe("fail");
  });

  it("a version the sponsor never committed fails as such; an amendment the portal hides fails the sequence", async () => {
    const claim = honest();
    const extra = {
      ...claim.versions[2]!,
      version: 4,
      envelope: protocolEnvelope(4),
      anchored: null,
      inclusionProof: null,
      shownProtocol: undefined,
    };
    const more = await verify({ ...claim, versions: [...claim.versions, extra] });
    expect(more.failing).toEqual([4]);
    expect(versionStep(more, 4, "match")!.detail).toBe("the chain has no commitment for version 4");

    const hidden = await verify({ ...claim, versions: claim.versions.filter((v) => v.version !== 2) });
    expect(hidden.ok).toBe(false);
    expect(hidden.failing).toEqual([]);
    expect(step(hidden.chainSteps, "versions")).toMatchObject({
      status: "fail",
      detail: expect.stringMatching(/^version 2 is committed on chain \(block \d+, tx 0x[0-9a-f]{64}\) but the portal does not show it$/),
    });
  });

  it("a checkpoint that is not on chain, or not in the transaction shown, fails; so does a forged inclusion proof", async () => {
    const claim = honest();
    const forgedRoot = keccak256(toHex("another tree"));
    const notOnChain = await verify({
      ...claim,
      versions: claim.versions.map((v) => ({ ...v, anchored: { ...v.anchored!, rootHash: forgedRoot } })),
    });
    expect(notOnChain.ok).toBe(false);
    expect(notOnChain.checkpointStep).toMatchObject({
      status: "fail",
      detail: `the chain's checkpoint of size 6 has root ${rootFromLeafHashes(leaves)}, the page shows ${forgedRoot}`,
    });
    expect(notOnChain.notAnchored).toEqual([1, 2, 3]);
    expect(notOnChain.failing).toEqual([]);

    const sizeNeverCheckpointed = await verify({
      ...claim,
      versions: claim.versions.slice(0, 1).map((v) => ({
        ...v,
        anchored: { treeSize: 2, rootHash: rootFromLeafHashes(leaves.slice(0, 2)) },
        inclusionProof: inclusionProof(leaves.slice(0, 2), 0),
      })),
    });
    expect(sizeNeverCheckpointed.checkpointStep.detail).toMatch(/^no checkpoint of size 2 on chain \(latest: size 6/);
    expect(versionStep(sizeNeverCheckpointed, 1, "inclusion")!.detail).toMatch(/the proof holds, but that checkpoint is not on chain/);

    const wrongTx = await verify({
      ...claim,
      versions: claim.versions.map((v) => ({ ...v, anchored: { ...v.anchored!, txHash: checkpoints.get(3)! } })),
    });
    expect(wrongTx.checkpointStep).toMatchObject({
      status: "fail",
      detail: `size 6 was checkpointed in tx ${checkpoints.get(6)}, not in tx ${checkpoints.get(3)} as shown`,
    });

    const proof = claim.versions[1]!.inclusionProof!;
    const flipped = [proof[0]!.replace(/.$/, (c) => (c === "0" ? "1" : "0")) as Hex, ...proof.slice(1)];
    const forged = await verify({
      ...claim,
      versions: claim.versions.map((v) => (v.version === 2 ? { ...v, inclusionProof: flipped } : v)),
    });
    expect(forged.notAnchored).toEqual([2]);
    expect(forged.checkpointStep.status).toBe("pass");
    expect(versionStep(forged, 2, "inclusion")!.detail).toMatch(/do not lead to root/);

    const unproven = await verify({
      ...claim,
      versions: claim.versions.map((v) => (v.version === 1 ? { ...v, inclusionProof: null } : v)),
    });
    expect(versionStep(unproven, 1, "inclusion")).toMatchObject({
      status: "fail",
      detail: "shown as anchored, but no inclusion proof is given",
    });
  });

  it("reading from after the registration cannot pass: the contract's state gives the missed events away", async () => {
    const r = await verify(honest(), registeredAt + 1n);
    expect(r.ok).toBe(false);
    expect(step(r.chainSteps, "registered")!.detail).toMatch(/no TrialRegistered event was found .*: read from an earlier block/);
  });

  it("a trial that is not registered on this TrialLedger does not verify", async () => {
    const r = await verifyPublicTrialOnChain({ client: ledger.client, contract: ledger.contract }, { ...honest(), publicId: "TP-2026-0799" });
    expect(r.ok).toBe(false);
    expect(step(r.chainSteps, "registered")!.detail).toMatch(/is not registered on TrialLedger/);
    expect(r.failing).toEqual([1, 2, 3]);
  });
});
