import "server-only";
import { db } from "@/lib/db/client";
import { publicClient } from "@/lib/chain/clients";
import { readChainBinding } from "@/lib/runtime/chain-binding";
import type { Viewer } from "@/lib/server/auth/viewer";
import { AppError } from "@/lib/server/errors/app-error";
import { assertMayReadLog, logReadScope } from "./log-read-scope";
import { verifyTrialLog } from "./verify-trial-log";

/**
 * The portal's own check of a trial's log against the chain, for those who may read the whole log: every
 * leaf recomputed from the stored data, the roots compared with TrialLedger's checkpoints.
 */
export async function verifyTrialLogAs(viewer: Viewer, logId: string) {
  const database = await db();
  assertMayReadLog(await logReadScope(database, viewer, logId));
  const binding = await readChainBinding(database);
  if (!binding) throw new AppError("CONFLICT", "This installation is not bound to a TrialLedger deployment yet.");
  const result = await verifyTrialLog(database, logId, {
    client: publicClient() as never,
    contract: binding.ledgerAddress,
    fromBlock: BigInt(binding.deployBlockNumber),
  });
  const failing = result.report.records.filter((r) => !["ok", "unanchored", "redacted"].includes(r.verdict));
  return {
    logId,
    ok: result.ok,
    problems: result.problems,
    reasons: result.report.reasons,
    checkpoint: result.verifiedAgainst,
    counts: result.report.counts,
    changedRange: result.report.changedRange,
    failing: failing.map((r) => ({ index: r.index, kind: r.kind, verdict: r.verdict, notes: r.notes })),
  };
}
