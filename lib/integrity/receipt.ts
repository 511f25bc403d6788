/**
 * Per-record receipts (docs/receipts.md#format): what a participant keeps with their consent copy, enough to prove
 * later, without the portal, that their record is in the trial's log as anchored on chain.
 *
 *   { chainId, contract, publicId, sponsor, chainTrialId, leafIndex, leafHash, treeSize, rootHash, proof[], txHash,
 *     blockNumber }
 *
 * `chainTrialId` must be the id `sponsor` registered for `publicId` (docs/ledger.md#trial-ids): checked by the
 * "trial" step, so a receipt cannot point at a registration someone else made.
 *
 * verifyReceiptSteps returns named steps for a step-by-step UI. It never throws; the chain values are read by
 * the caller (browser: its own viem client; CLI: --rpc), never taken from the portal.
 */
import { z } from "zod";
import { canonicalize } from "./canonical";
import { leafHash } from "./hash";
import type { Hex } from "./hex";
import { isHashHex } from "./hex";
import { isSafeUint } from "./bits";
import { toIssues, type ParseResult } from "./issues";
import { hash32, leafIndex, trialRef } from "./kinds/common";
import { chainTrialId as derivedTrialId } from "./trial-id";
import { verifyConsistency, verifyInclusion } from "./proofs";

const contractAddress = z.string().regex(/^0x[0-9a-fA-F]{40}$/, "expected a 0x contract address");

export const receiptSchema = z.strictObject({
  chainId: z.int().min(1),
  contract: contractAddress,
  publicId: trialRef,
  sponsor: z.string().regex(/^0x[0-9a-fA-F]{40}$/, "expected the 0x address that registered the trial"),
  chainTrialId: hash32,
  leafIndex,
  leafHash: hash32,
  treeSize: z.int().min(1),
  rootHash: hash32,
  // 64 levels is the depth of a 2^64-leaf tree: anything longer cannot be a valid proof.
  proof: z.array(hash32).max(64),
  txHash: hash32,
  blockNumber: z.int().min(0),
});

export interface Receipt {
  chainId: number;
  contract: Hex;
  publicId: string;
  sponsor: Hex;
  chainTrialId: Hex;
  leafIndex: number;
  leafHash: Hex;
  treeSize: number;
  rootHash: Hex;
  proof: Hex[];
  txHash: Hex;
  blockNumber: number;
}

/** Receipts issued before trial ids named their sponsor carry no `sponsor`: say so rather than "required". */
const OLD_RECEIPT =
  "a receipt from before trial ids were bound to their sponsor (it names no sponsor): its trial id is not one TrialLedger derives; ask the portal for a new receipt of the record (docs/receipts.md#format)";

const notOldReceipt = z.unknown().superRefine((v, ctx) => {
  if (v && typeof v === "object" && "chainTrialId" in v && !("sponsor" in v))
    ctx.addIssue({ code: "custom", path: ["sponsor"], message: OLD_RECEIPT });
});

export function parseReceipt(value: unknown): ParseResult<Receipt> {
  const old = notOldReceipt.safeParse(value);
  if (!old.success) return { ok: false, issues: toIssues(old.error), error: old.error };
  const result = receiptSchema.safeParse(value);
  return result.success ? { ok: true, value: result.data as Receipt } : { ok: false, issues: toIssues(result.error), error: result.error };
}

/** What the caller read from the chain. */
export interface ReceiptChainView {
  /** A checkpoint of the trial: the one at the receipt's size (Checkpointed event), or the latest. */
  readonly treeSize: number;
  readonly rootHash: Hex;
  /** Consistency proof from the receipt's tree size to `treeSize`, needed when the two differ. */
  readonly consistencyProof?: readonly Hex[];
  /** Where the checkpoint was read; compared with the receipt when given. */
  readonly chainId?: number;
  readonly contract?: string;
  readonly chainTrialId?: Hex;
}

export type ReceiptStepId = "format" | "trial" | "record" | "inclusion" | "chain" | "anchored";
export type StepStatus = "pass" | "fail" | "skip";

export interface ReceiptStep {
  readonly id: ReceiptStepId;
  readonly label: string;
  readonly status: StepStatus;
  readonly detail: string;
}

export interface ReceiptVerification {
  /** True iff no step failed and the format, inclusion and anchoring steps passed. */
  readonly ok: boolean;
  readonly steps: readonly ReceiptStep[];
}

const LABELS: Record<ReceiptStepId, string> = {
  format: "Receipt is well-formed",
  trial: "Trial id is the one its sponsor registered",
  record: "Record matches the receipt's leaf hash",
  inclusion: "Leaf is included in the tree the receipt names",
  chain: "Receipt refers to the chain and trial that were read",
  anchored: "That tree is anchored on chain",
};

/**
 * Verifies a receipt step by step: format, the record (optional: pass the envelope to check it hashes to the
 * receipt's leaf), the inclusion proof, the chain identity (when the view says where it was read), and that the
 * receipt's root is, or is a prefix of, a checkpoint on chain.
 */
export function verifyReceiptSteps(receipt: unknown, envelope: unknown, chain: ReceiptChainView): ReceiptVerification {
  const steps: ReceiptStep[] = [];
  const step = (id: ReceiptStepId, status: StepStatus, detail: string) => steps.push({ id, label: LABELS[id], status, detail });

  const parsed = parseReceipt(receipt);
  if (!parsed.ok) {
    const first = parsed.issues[0];
    step("format", "fail", `malformed receipt${first ? ` (${first.path || "(root)"}: ${first.message})` : ""}`);
    for (const id of ["trial", "record", "inclusion", "chain", "anchored"] as const) step(id, "skip", "not checked: the receipt is malformed");
    return { ok: false, steps };
  }
  const r = parsed.value;
  step("format", "pass", `leaf ${r.leafIndex} of a tree of ${r.treeSize}`);
  const derived = derivedTrialId(r.sponsor, r.publicId);
  step(
    "trial",
    derived === r.chainTrialId ? "pass" : "fail",
    derived === r.chainTrialId
      ? `${r.chainTrialId} is ${r.publicId} as registered by ${r.sponsor}`
      : `${r.publicId} registered by ${r.sponsor} has trial id ${derived}, the receipt names ${r.chainTrialId}`,
  );

  if (envelope === undefined || envelope === null) {
    step("record", "skip", "no record supplied: the receipt alone proves only that its leaf hash is anchored");
  } else {
    let computed: Hex | null = null;
    let problem = "";
    try {
      computed = leafHash(canonicalize(envelope));
    } catch (e) {
      problem = e instanceof Error ? e.message : String(e);
    }
    if (computed === null) step("record", "fail", `the record cannot be canonicalized: ${problem}`);
    else if (computed === r.leafHash) step("record", "pass", `the record hashes to ${computed}`);
    else step("record", "fail", `the record hashes to ${computed}, the receipt names ${r.leafHash}`);
  }

  const included = verifyInclusion(r.leafHash, r.leafIndex, r.treeSize, r.proof, r.rootHash);
  step(
    "inclusion",
    included ? "pass" : "fail",
    included ? `the proof leads to root ${r.rootHash}` : "the inclusion proof does not lead to the receipt's root",
  );

  const mismatches: string[] = [];
  if (chain.chainId !== undefined && chain.chainId !== r.chainId) mismatches.push(`chain id ${chain.chainId} ≠ ${r.chainId}`);
  if (chain.contract !== undefined && chain.contract.toLowerCase() !== r.contract.toLowerCase()) {
    mismatches.push(`contract ${chain.contract} ≠ ${r.contract}`);
  }
  if (chain.chainTrialId !== undefined && chain.chainTrialId !== r.chainTrialId)
    mismatches.push(`trial id ${chain.chainTrialId} ≠ ${r.chainTrialId}`);
  if (chain.chainId === undefined && chain.contract === undefined && chain.chainTrialId === undefined) {
    step("chain", "skip", "the caller did not say where the checkpoint was read");
  } else {
    step("chain", mismatches.length === 0 ? "pass" : "fail", mismatches.length === 0 ? "same chain, contract and trial" : mismatches.join("; "));
  }

  step("anchored", ...anchoredStep(r, chain));
  const failed = steps.some((s) => s.status === "fail");
  const passed = (id: ReceiptStepId) => steps.find((s) => s.id === id)?.status === "pass";
  return { ok: !failed && passed("format") && passed("trial") && passed("inclusion") && passed("anchored"), steps };
}

function anchoredStep(r: Receipt, chain: ReceiptChainView): [StepStatus, string] {
  try {
    if (!isSafeUint(chain.treeSize) || !isHashHex(chain.rootHash)) return ["fail", "the checkpoint read from the chain is malformed"];
    if (chain.treeSize === r.treeSize) {
      return chain.rootHash === r.rootHash
        ? ["pass", `the chain recorded root ${r.rootHash} for size ${r.treeSize}`]
        : ["fail", `the chain recorded root ${chain.rootHash} for size ${r.treeSize}, not the receipt's`];
    }
    if (chain.treeSize < r.treeSize) {
      return ["fail", `the receipt names a tree of size ${r.treeSize}, the chain checkpoint is only at size ${chain.treeSize}`];
    }
    if (chain.consistencyProof === undefined) {
      return [
        "fail",
        `the chain checkpoint is at size ${chain.treeSize}: read the checkpoint of size ${r.treeSize} (transaction ${r.txHash}) or supply a consistency proof`,
      ];
    }
    return verifyConsistency(r.treeSize, chain.treeSize, r.rootHash, chain.rootHash, chain.consistencyProof)
      ? ["pass", `the receipt's tree is a prefix of the chain checkpoint of size ${chain.treeSize}`]
      : ["fail", `the consistency proof from size ${r.treeSize} to ${chain.treeSize} does not verify`];
  } catch {
    return ["fail", "the chain view could not be checked"];
  }
}
