/**
 * A public trial as the portal publishes it (GET /api/trials/<id>, the public trial page), verified against
 * TrialLedger from ONE chain read: the sponsor's protocol commitments (verifyProtocolVersions) and the log
 * checkpoint shown as anchored, with each anchored version's inclusion in it (verifyAnchoredCheckpoints). The
 * browser's Verify and `trialproof verify-protocol` both run this. Isomorphic.
 */
import { zeroAddress, type Hex } from "viem";
import { isHashHex } from "@/lib/integrity";
import type { LedgerReader } from "./ledger-reader";
import { chainTrialId } from "./trial-id";
import { readTrialLedgerView } from "./trial-ledger-view";
import { verifyAnchoredCheckpoints, type AnchoredCheckpointClaim } from "./verify-anchored-checkpoint";
import { verifyProtocolVersions, type CheckStep, type ProtocolVerification, type ProtocolVersionClaim } from "./verify-protocol-versions";

export interface PublicVersionClaim extends ProtocolVersionClaim {
  readonly leafIndex: number | null;
  /** The checkpoint the portal shows as covering this version's record; null: not anchored yet. */
  readonly anchored: AnchoredCheckpointClaim | null;
  readonly inclusionProof: readonly Hex[] | null;
}

export interface PublicTrialClaim {
  readonly publicId: string;
  /** The sponsor wallet the portal names. */
  readonly sponsor: string | null;
  readonly versions: readonly PublicVersionClaim[];
}

export interface PublicTrialVerification extends ProtocolVerification {
  readonly chainId: number;
  readonly contract: Hex;
  /** The block everything was read at. */
  readonly blockNumber: bigint;
  readonly checkpointStep: CheckStep;
  /** Versions shown as anchored whose record is not in a checkpoint on chain. */
  readonly notAnchored: number[];
}

/**
 * The checkpoint in a published anchoring status, or null when it shows none. Only the fields that can be checked
 * against the chain are read; the status wording is the portal's.
 */
export function anchoredCheckpointOf(anchoring: unknown): AnchoredCheckpointClaim | null {
  if (typeof anchoring !== "object" || anchoring === null) return null;
  const a = anchoring as Record<string, unknown>;
  if (typeof a.treeSize !== "number" || typeof a.rootHash !== "string" || !isHashHex(a.rootHash)) return null;
  const txHash = typeof a.txHash === "string" && isHashHex(a.txHash) ? (a.txHash as Hex) : null;
  return { treeSize: a.treeSize, rootHash: a.rootHash as Hex, txHash };
}

/** The fields of a version as GET /api/trials/<id> publishes it that verification reads (all else is ignored). */
export interface PublishedVersion {
  readonly version: number;
  readonly protocol?: unknown;
  readonly leafIndex: number | null;
  readonly anchoring?: unknown;
  readonly envelope?: unknown;
  readonly inclusionProof?: readonly Hex[] | null;
}

/** A published version as a claim to verify; `envelope` overrides the published one (e.g. fetched on its own). */
export function claimOfPublishedVersion(v: PublishedVersion, envelope: unknown = v.envelope): PublicVersionClaim {
  return {
    version: v.version,
    envelope,
    ...(v.protocol !== undefined ? { shownProtocol: v.protocol } : {}),
    leafIndex: v.leafIndex,
    anchored: anchoredCheckpointOf(v.anchoring),
    inclusionProof: v.inclusionProof ?? null,
  };
}

/** Reads the chain once and verifies; throws only when the chain cannot be read. */
export async function verifyPublicTrialOnChain(reader: LedgerReader, claim: PublicTrialClaim): Promise<PublicTrialVerification> {
  // The id the named sponsor registered (docs/ledger.md#trial-ids). With no sponsor named, the zero address's id:
  // no account can send from it, so it reads as never registered and every version fails as uncommitted.
  const view = await readTrialLedgerView(reader, chainTrialId(claim.sponsor ?? zeroAddress, claim.publicId));
  const protocol = verifyProtocolVersions(view, {
    publicId: claim.publicId,
    expectedSponsor: claim.sponsor,
    versions: claim.versions,
  });
  const hashes = new Map(protocol.versions.map((v) => [v.version, v.leafHash]));
  const anchored = verifyAnchoredCheckpoints(
    view,
    claim.versions.map((v) => ({
      key: v.version,
      leafIndex: v.leafIndex,
      leafHash: hashes.get(v.version) ?? null,
      checkpoint: v.anchored,
      inclusionProof: v.inclusionProof,
    })),
  );
  const versions = protocol.versions.map((v) => {
    const inclusion = anchored.inclusion.get(v.version);
    const steps = inclusion ? [...v.steps, inclusion] : v.steps;
    return { ...v, steps, ok: steps.every((s) => s.status !== "fail") };
  });
  const notAnchored = [...anchored.inclusion].filter(([, s]) => s.status === "fail").map(([version]) => version);
  return {
    ok: protocol.ok && anchored.ok,
    chainSteps: protocol.chainSteps,
    versions,
    failing: protocol.failing,
    checkpointStep: anchored.checkpointStep,
    notAnchored: [...new Set(notAnchored)].sort((a, b) => a - b),
    chainId: view.chainId,
    contract: view.contract,
    blockNumber: view.blockNumber,
  };
}
