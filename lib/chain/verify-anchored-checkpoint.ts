/**
 * The log checkpoint a page shows as "anchored", against TrialLedger: its (treeSize, rootHash) must be the trial's
 * latest checkpoint or one of its earlier Checkpointed events (in the transaction shown, when one is shown), and
 * each record shown as anchored must be in that tree (RFC 9162 inclusion proof, recomputed here). Pure over a
 * TrialLedgerView. Isomorphic.
 */
import type { Hex } from "viem";
import { verifyInclusion } from "@/lib/integrity";
import { eventsNamed } from "./trial-ledger-events";
import type { TrialLedgerView } from "./trial-ledger-view";
import type { CheckStep } from "./verify-protocol-versions";

/** A checkpoint as a page shows it. */
export interface AnchoredCheckpointClaim {
  readonly treeSize: number;
  readonly rootHash: Hex;
  readonly txHash?: Hex | null;
}

/** A record shown as anchored in a checkpoint, with the proof of it. */
export interface RecordInclusionClaim {
  /** Who the step belongs to (e.g. a protocol version number). */
  readonly key: number;
  readonly leafIndex: number | null;
  /** Recomputed by the verifier from the record, never taken from the portal. */
  readonly leafHash: Hex | null;
  /** Null: the page does not show the record as anchored. */
  readonly checkpoint: AnchoredCheckpointClaim | null;
  readonly inclusionProof: readonly Hex[] | null;
}

export interface AnchoredCheckpointVerification {
  /** False iff a checkpoint shown is not on chain or a record shown as anchored is not in it. */
  readonly ok: boolean;
  /** One step: every distinct checkpoint shown, against the chain. */
  readonly checkpointStep: CheckStep;
  /** Per record key: its inclusion in the checkpoint shown. */
  readonly inclusion: ReadonlyMap<number, CheckStep>;
}

const INCLUSION_LABEL = "Included in the checkpoint shown as anchored";

/** Null when the checkpoint is on chain; otherwise why not. Also where it is, when known. */
function locate(view: TrialLedgerView, c: AnchoredCheckpointClaim): { problem: string | null; where: string } {
  const root = c.rootHash.toLowerCase();
  const event = eventsNamed(view.events, "Checkpointed").find((e) => e.treeSize === c.treeSize);
  const isLatest = view.latest.treeSize === c.treeSize && view.latest.rootHash === root;
  if (!event && !isLatest) {
    return {
      problem: `no checkpoint of size ${c.treeSize} on chain (latest: size ${view.latest.treeSize}; events read from block ${view.fromBlock})`,
      where: "",
    };
  }
  if (event && event.rootHash !== root) {
    return {
      problem: `the chain's checkpoint of size ${c.treeSize} has root ${event.rootHash}, the page shows ${root}`,
      where: "",
    };
  }
  if (event && c.txHash && event.transactionHash?.toLowerCase() !== c.txHash.toLowerCase()) {
    return {
      problem: `size ${c.treeSize} was checkpointed in tx ${event.transactionHash}, not in tx ${c.txHash} as shown`,
      where: "",
    };
  }
  const where = event ? `block ${event.blockNumber}, tx ${event.transactionHash}` : "the latest checkpoint (its event is before the blocks read)";
  return {
    problem: null,
    where: `${where}${isLatest ? ", the latest" : `; the trial has grown since (latest: size ${view.latest.treeSize})`}`,
  };
}

export function verifyAnchoredCheckpoints(view: TrialLedgerView, records: readonly RecordInclusionClaim[]): AnchoredCheckpointVerification {
  const claims = new Map<string, AnchoredCheckpointClaim>();
  for (const r of records) if (r.checkpoint) claims.set(`${r.checkpoint.treeSize}:${r.checkpoint.rootHash.toLowerCase()}`, r.checkpoint);
  const found = new Map([...claims].map(([key, c]) => [key, locate(view, c)]));

  let checkpointStep: CheckStep;
  const label = "Checkpoint shown as anchored is on chain";
  if (claims.size === 0) {
    checkpointStep = {
      id: "checkpoint",
      label,
      status: "skip",
      detail: "nothing on this page is shown as anchored yet",
    };
  } else {
    const lines = [...claims].map(([key, c]) => {
      const f = found.get(key)!;
      return f.problem ?? `size ${c.treeSize}, root ${c.rootHash.toLowerCase()}: ${f.where}`;
    });
    const failed = [...found.values()].some((f) => f.problem !== null);
    checkpointStep = { id: "checkpoint", label, status: failed ? "fail" : "pass", detail: lines.join("; ") };
  }

  const inclusion = new Map<number, CheckStep>();
  for (const r of records) {
    const step = (status: CheckStep["status"], detail: string): CheckStep => ({
      id: "inclusion",
      label: INCLUSION_LABEL,
      status,
      detail,
    });
    const c = r.checkpoint;
    if (!c) {
      inclusion.set(r.key, step("skip", "not anchored yet: no checkpoint on chain covers this record"));
      continue;
    }
    const where = `record #${r.leafIndex ?? "?"} in the tree of size ${c.treeSize}`;
    const f = found.get(`${c.treeSize}:${c.rootHash.toLowerCase()}`)!;
    if (r.leafIndex === null || r.inclusionProof === null) inclusion.set(r.key, step("fail", "shown as anchored, but no inclusion proof is given"));
    else if (r.leafHash === null) inclusion.set(r.key, step("fail", "the record could not be hashed"));
    else if (!verifyInclusion(r.leafHash, r.leafIndex, c.treeSize, r.inclusionProof, c.rootHash.toLowerCase() as Hex)) {
      inclusion.set(r.key, step("fail", `${where}: the record's leaf hash and the proof do not lead to root ${c.rootHash.toLowerCase()}`));
    } else if (f.problem !== null) inclusion.set(r.key, step("fail", `${where}: the proof holds, but that checkpoint is not on chain`));
    else inclusion.set(r.key, step("pass", `${where} (root ${c.rootHash.toLowerCase()}), anchored on chain`));
  }
  const ok = checkpointStep.status !== "fail" && [...inclusion.values()].every((s) => s.status !== "fail");
  return { ok, checkpointStep, inclusion };
}
