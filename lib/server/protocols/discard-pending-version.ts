import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { trial } from "@/lib/db/schema";
import type { TDiscardPendingVersionRequest } from "@/lib/schemas/protocol";
import type { Viewer } from "@/lib/server/auth/viewer";
import { AppError } from "@/lib/server/errors/app-error";
import { assertNotSignedOnChain, closePreparation } from "./protocol-preparations";
import { pendingPreparationOf } from "./protocol-versions";
import { sponsorTrialFor } from "./sponsor-trial-access";

/**
 * The sponsor lets go of the version awaiting their wallet's signature (named by its protocol hash, so a stale page
 * cannot discard another one), with a reason: in one transaction the preparation is closed and the
 * `protocol.discarded` record written with its audit row. The discarded envelope never enters the log, and a
 * transaction committing to it is refused at confirmation. Refused when the chain already holds it (409: confirm
 * it instead). A discarded version 1 returns the trial to "draft"; the draft is editable again in every case.
 */
export async function discardPendingVersion(viewer: Viewer, trialId: string, request: TDiscardPendingVersionRequest) {
  const database = await db();
  const before = await sponsorTrialFor(database, viewer, trialId);
  const waiting = await pendingPreparationOf(database, trialId);
  if (!waiting) throw new AppError("CONFLICT", `Nothing of ${before.publicId} awaits a signature: there is nothing to discard.`);
  if (waiting.leafHash !== request.protocolHash.toLowerCase()) {
    throw new AppError(
      "CONFLICT",
      `Version ${waiting.version} awaiting signature is not the one you chose to discard (its protocol hash is ${waiting.leafHash}): it changed meanwhile. Reload the page.`,
    );
  }
  await assertNotSignedOnChain(database, before, waiting);
  return database.transaction(async (tx) => {
    const row = await sponsorTrialFor(tx, viewer, trialId, { lock: true });
    const closedAt = await closePreparation(tx, viewer, row, waiting, {
      state: "discarded",
      reason: request.reason.trim(),
    });
    if (waiting.version === 1) await tx.update(trial).set({ status: "draft" }).where(eq(trial.id, trialId));
    return {
      version: waiting.version,
      protocolHash: waiting.leafHash,
      state: "discarded" as const,
      discardedAt: closedAt.toISOString(),
    };
  });
}
