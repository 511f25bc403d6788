// Receipts: each verification step passes on a genuine receipt and fails on its own kind of corruption.
import { describe, expect, it } from "vitest";
import { envelopeLeafHash } from "./envelope";
import { outcomeLog } from "./fixtures.test-helper";
import type { Hex } from "./hex";
import { consistencyProof, inclusionProof } from "./proofs";
import { parseReceipt, verifyReceiptSteps, type Receipt, type ReceiptChainView, type ReceiptVerification, type StepStatus } from "./receipt";
import { rootFromLeafHashes } from "./tree";
import { chainTrialId } from "./trial-id";

const envelopes = outcomeLog(11);
const hashes = envelopes.map(envelopeLeafHash);
const SPONSOR = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8" as Hex;
const CHAIN_TRIAL = chainTrialId(SPONSOR, "TP-2026-0001");
const CONTRACT = "0x5FbDB2315678afecb367f032d93F642f64180aa3" as Hex;

/** Receipt for leaf `index` issued when the log had `size` leaves. */
function receipt(index: number, size: number): Receipt {
  return {
    chainId: 31337,
    contract: CONTRACT,
    publicId: "TP-2026-0001",
    sponsor: SPONSOR,
    chainTrialId: CHAIN_TRIAL,
    leafIndex: index,
    leafHash: hashes[index]!,
    treeSize: size,
    rootHash: rootFromLeafHashes(hashes.slice(0, size)),
    proof: inclusionProof(hashes.slice(0, size), index),
    txHash: `0x${"cd".repeat(32)}`,
    blockNumber: 42,
  };
}
const checkpointAt = (size: number): ReceiptChainView => ({
  treeSize: size,
  rootHash: rootFromLeafHashes(hashes.slice(0, size)),
});
const status = (v: ReceiptVerification) => Object.fromEntries(v.steps.map((s) => [s.id, s.status])) as Record<string, StepStatus>;

describe("verifyReceiptSteps", () => {
  it("passes every step for a genuine receipt, its record and the matching checkpoint", () => {
    const v = verifyReceiptSteps(receipt(4, 7), envelopes[4], {
      ...checkpointAt(7),
      chainId: 31337,
      contract: CONTRACT.toLowerCase(),
      chainTrialId: CHAIN_TRIAL,
    });
    expect(v.ok).toBe(true);
    expect(status(v)).toEqual({ format: "pass", trial: "pass", record: "pass", inclusion: "pass", chain: "pass", anchored: "pass" });
    expect(v.steps.every((s) => s.label.length > 0 && s.detail.length > 0)).toBe(true);
  });

  it("without the record, proves the leaf hash only (record step skipped)", () => {
    const v = verifyReceiptSteps(receipt(4, 7), undefined, checkpointAt(7));
    expect(v.ok).toBe(true);
    expect(status(v)).toMatchObject({ record: "skip", chain: "skip", anchored: "pass" });
  });

  it("fails the trial step when the trial id is not the one the named sponsor registered", () => {
    // A squatter's registration of the same public id, or another sponsor named for this id: either way the
    // checkpoint read under the receipt's id proves nothing about this sponsor's trial.
    const squatter = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc" as Hex;
    for (const forged of [
      { ...receipt(4, 7), chainTrialId: chainTrialId(squatter, "TP-2026-0001") },
      { ...receipt(4, 7), sponsor: squatter },
      { ...receipt(4, 7), publicId: "TP-2026-0002" },
    ]) {
      const v = verifyReceiptSteps(forged, envelopes[4], checkpointAt(7));
      expect(v.ok).toBe(false);
      expect(status(v).trial).toBe("fail");
      expect(v.steps.find((s) => s.id === "trial")!.detail).toMatch(/registered by 0x[0-9a-f]{40} has trial id 0x[0-9a-f]{64}, the receipt names/);
    }
  });

  it("refuses a receipt from before trial ids named their sponsor, saying so", () => {
    const { sponsor: _sponsor, publicId: _publicId, ...old } = receipt(4, 7);
    const parsed = parseReceipt(old);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.issues).toEqual([
        expect.objectContaining({ path: "sponsor", message: expect.stringMatching(/before trial ids were bound to their sponsor/) }),
      ]);
  });

  it("fails the record step when the record was changed", () => {
    const changed = { ...envelopes[4]!, body: { ...envelopes[4]!.body, value: "999" } };
    const v = verifyReceiptSteps(receipt(4, 7), changed, checkpointAt(7));
    expect(v.ok).toBe(false);
    expect(status(v)).toMatchObject({ record: "fail", inclusion: "pass", anchored: "pass" });
    expect(verifyReceiptSteps(receipt(4, 7), { x: Number.NaN }, checkpointAt(7)).steps.find((s) => s.id === "record")!.status).toBe("fail");
  });

  it("fails the inclusion step for a corrupted proof, index or leaf", () => {
    const r = receipt(4, 7);
    const flipped = {
      ...r,
      proof: [r.proof[0]!.replace(/.$/, (c) => (c === "0" ? "1" : "0")) as Hex, ...r.proof.slice(1)],
    };
    expect(status(verifyReceiptSteps(flipped, undefined, checkpointAt(7))).inclusion).toBe("fail");
    expect(status(verifyReceiptSteps({ ...r, leafIndex: 5 }, undefined, checkpointAt(7))).inclusion).toBe("fail");
    expect(status(verifyReceiptSteps({ ...r, leafHash: hashes[5]! }, envelopes[5], checkpointAt(7)))).toMatchObject({
      record: "pass",
      inclusion: "fail",
    });
    expect(verifyReceiptSteps(flipped, undefined, checkpointAt(7)).ok).toBe(false);
  });

  it("fails the anchored step when the chain recorded another root for that size", () => {
    const v = verifyReceiptSteps(receipt(4, 7), undefined, {
      treeSize: 7,
      rootHash: rootFromLeafHashes(hashes.slice(1, 8)),
    });
    expect(v.ok).toBe(false);
    expect(status(v)).toMatchObject({ inclusion: "pass", anchored: "fail" });
  });

  it("accepts a later checkpoint only with a valid consistency proof", () => {
    const r = receipt(4, 7);
    const later = checkpointAt(11);
    const noProof = verifyReceiptSteps(r, undefined, later);
    expect(status(noProof).anchored).toBe("fail");
    expect(noProof.steps.find((s) => s.id === "anchored")!.detail).toMatch(/read the checkpoint of size 7 .* or supply a consistency proof/);
    const proof = consistencyProof(hashes, 7);
    expect(verifyReceiptSteps(r, envelopes[4], { ...later, consistencyProof: proof }).ok).toBe(true);
    const bad = verifyReceiptSteps(r, undefined, { ...later, consistencyProof: proof.slice(1) });
    expect(status(bad).anchored).toBe("fail");
    // the chain cannot be behind the receipt
    expect(status(verifyReceiptSteps(r, undefined, checkpointAt(6))).anchored).toBe("fail");
  });

  it("fails the chain step when the receipt names another chain, contract or trial", () => {
    const r = receipt(1, 3);
    expect(status(verifyReceiptSteps(r, undefined, { ...checkpointAt(3), chainId: 1 })).chain).toBe("fail");
    expect(status(verifyReceiptSteps(r, undefined, { ...checkpointAt(3), contract: `0x${"00".repeat(20)}` })).chain).toBe("fail");
    expect(status(verifyReceiptSteps(r, undefined, { ...checkpointAt(3), chainTrialId: `0x${"ac".repeat(32)}` })).chain).toBe("fail");
    expect(verifyReceiptSteps(r, undefined, { ...checkpointAt(3), chainId: 1 }).ok).toBe(false);
  });

  it("reports a malformed receipt or chain view without throwing", () => {
    const v = verifyReceiptSteps({ ...receipt(1, 3), proof: "nope" }, undefined, checkpointAt(3));
    expect(v.ok).toBe(false);
    expect(status(v)).toEqual({ format: "fail", trial: "skip", record: "skip", inclusion: "skip", chain: "skip", anchored: "skip" });
    expect(v.steps[0]!.detail).toMatch(/proof/);
    for (const junk of [null, 42, "x", [], {}]) expect(verifyReceiptSteps(junk, undefined, checkpointAt(3)).ok).toBe(false);
    expect(status(verifyReceiptSteps(receipt(1, 3), undefined, { treeSize: -3, rootHash: "0x" as Hex })).anchored).toBe("fail");
  });

  it("parseReceipt validates field formats", () => {
    expect(parseReceipt(JSON.parse(JSON.stringify(receipt(0, 1)))).ok).toBe(true);
    const r = parseReceipt({ ...receipt(0, 1), leafHash: "0xABC" });
    expect(!r.ok && r.issues.map((i) => i.path)).toEqual(["leafHash"]);
    const extra = parseReceipt({ ...receipt(0, 1), note: "hi" });
    expect(extra.ok).toBe(false);
  });
});
