import "server-only";
import type { Database } from "@/lib/db/client";
import type { LedgerReader } from "@/lib/chain/ledger-reader";
import { verifyBundleOnChain, type BundleChainVerification } from "@/lib/chain/verify-bundle-on-chain";
import { exportBundle } from "./export-bundle";

export interface TrialLogVerification extends BundleChainVerification {
  readonly logId: string;
}

/**
 * Verifies a trial's stored log against the chain, trusting nothing the database says about anchoring: every
 * leaf hash is recomputed from its stored envelope, the root from the stored leaf hashes, and both are checked
 * against TrialLedger's latest checkpoint and every earlier one from its Checkpointed events (which narrow a
 * mismatch to the range between two anchored checkpoints). The report is lib/integrity's BundleReport, with its
 * per-record verdicts (ok, modified, missing, inserted, reordered, unanchored, redacted, unverified).
 *
 * Always against the latest checkpoint: the database must still hold every anchored leaf. The database's own
 * checkpoint rows only enter as the bundle's stated checkpoint, which must agree with the chain.
 */
export async function verifyTrialLog(database: Database, logId: string, chain: LedgerReader): Promise<TrialLogVerification> {
  const bundle = await exportBundle(database, logId);
  const result = await verifyBundleOnChain(chain, bundle, { against: "latest" });
  return { logId, ...result };
}
