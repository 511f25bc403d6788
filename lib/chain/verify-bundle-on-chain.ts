/**
 * Verifies an audit bundle against the chain (docs/bundles.md#verifying-without-the-portal): reads the trial's
 * checkpoints from TrialLedger itself and runs lib/integrity's `verifyBundle`. Nothing in the bundle is trusted
 * beyond what those chain values confirm. Isomorphic (viem + lib/integrity): the CLI and the server use it, and a
 * browser could.
 */
import type { Hex } from "viem";
import { verifyBundle, type AuditBundle, type BundleReport } from "@/lib/integrity";
import { sameAddress, type LedgerReader } from "./ledger-reader";
import { readTrialCheckpoints, type OnChainCheckpoint } from "./read-checkpoints";

export interface BundleChainVerification {
  /** True iff the report passes and the bundle names the chain and contract that were read. */
  readonly ok: boolean;
  /** Problems outside the report: the bundle names another chain or contract than the one read. */
  readonly problems: readonly string[];
  /** Facts worth showing that do not fail verification (e.g. the chain has moved on since the export). */
  readonly notes: readonly string[];
  readonly chainId: number;
  readonly contract: Hex;
  /** The trial's latest checkpoint on chain. */
  readonly latest: OnChainCheckpoint;
  /** The checkpoint the bundle was verified against (the latest, or the bundle's own one once the chain moved on). */
  readonly verifiedAgainst: OnChainCheckpoint;
  /** Every checkpoint of the trial on chain, oldest first. */
  readonly history: readonly OnChainCheckpoint[];
  readonly report: BundleReport;
}

export interface VerifyBundleOnChainOptions {
  /**
   * "bundle" (default): the chain's checkpoint of the size the bundle states, when the chain has one, else the
   * latest; right for a bundle exported earlier. "latest": always the latest, so that every anchored leaf must
   * be present; right for the portal checking its own, complete log.
   */
  readonly against?: "bundle" | "latest";
  readonly requireAnchored?: boolean;
}

/**
 * Reads the trial's checkpoints and verifies the bundle. Throws only when the chain cannot be read (a
 * ChainReadError or viem's transport errors); a bundle that does not verify yields a failing result.
 */
export async function verifyBundleOnChain(
  reader: LedgerReader,
  bundle: AuditBundle,
  options: VerifyBundleOnChainOptions = {},
): Promise<BundleChainVerification> {
  const [chainId, { latest, history }] = await Promise.all([reader.client.getChainId(), readTrialCheckpoints(reader, bundle.trial.chainTrialId)]);
  const problems: string[] = [];
  const notes: string[] = [];
  if (chainId !== bundle.chain.chainId) problems.push(`the bundle is for chain ${bundle.chain.chainId}, the RPC endpoint serves chain ${chainId}`);
  if (!sameAddress(reader.contract, bundle.chain.contract)) {
    problems.push(`the bundle names TrialLedger ${bundle.chain.contract}, the checkpoints were read from ${reader.contract}`);
  }

  let against: OnChainCheckpoint = latest;
  const stated = bundle.checkpoint;
  if ((options.against ?? "bundle") === "bundle" && stated.treeSize < latest.treeSize) {
    const match = history.find((h) => h.treeSize === stated.treeSize);
    if (match) {
      against = match;
      notes.push(
        `the chain has been checkpointed since this bundle was exported (latest size ${latest.treeSize}); ` +
          `verified against the bundle's checkpoint of size ${stated.treeSize}. Export a new bundle to prove the later records.`,
      );
    }
  }
  const report = verifyBundle(bundle, against, {
    history: history.filter((h) => h.treeSize <= against.treeSize),
    requireAnchored: options.requireAnchored,
  });
  return {
    ok: report.ok && problems.length === 0,
    problems,
    notes,
    chainId,
    contract: reader.contract,
    latest,
    verifiedAgainst: against,
    history,
    report,
  };
}
