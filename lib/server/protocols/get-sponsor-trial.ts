import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { protocolDraft } from "@/lib/db/schema";
import type { Viewer } from "@/lib/server/auth/viewer";
import { closedPreparationsOf, pendingPreparationOf, pendingSignatureOf, versionsOf } from "./protocol-versions";
import { sponsorTrialFor } from "./sponsor-trial-access";

/**
 * The sponsor's view of one trial: the draft, the versions in the log with their chain data, what awaits the
 * wallet's signature, and the preparations the sponsor discarded or replaced. Plain JSON values only (ISO strings,
 * numbers), so the page hands it to the editor as is and the API route returns the same shape.
 */
export async function getSponsorTrial(viewer: Viewer, trialId: string) {
  const database = await db();
  const row = await sponsorTrialFor(database, viewer, trialId);
  const [draft] = await database.select().from(protocolDraft).where(eq(protocolDraft.trialId, trialId));
  const versions = await versionsOf(database, trialId);
  const pending = await pendingPreparationOf(database, trialId);
  const closed = await closedPreparationsOf(database, trialId);
  return {
    trial: {
      id: row.id,
      publicId: row.publicId,
      title: row.title,
      status: row.status,
      registeredAt: row.registeredAt?.toISOString() ?? null,
      currentVersion: row.currentVersion,
    },
    draft: { data: draft?.data ?? {}, updatedAt: draft?.updatedAt.toISOString() ?? null },
    versions: versions.map((v) => ({
      version: v.version,
      reason: v.reason,
      leafIndex: v.leafIndex,
      leafHash: v.leafHash,
      chainState: v.chainState,
      txHash: v.txHash,
      blockNumber: v.blockNumber,
      blockTimestamp: v.blockTimestamp?.toISOString() ?? null,
      createdAt: v.createdAt.toISOString(),
      protocol: v.protocol,
    })),
    pending: pending ? await pendingSignatureOf(database, row, pending) : null,
    discarded: closed.map((p) => ({
      version: p.version,
      protocolHash: p.leafHash,
      state: p.state,
      preparedAt: p.createdAt.toISOString(),
      closedAt: p.closedAt?.toISOString() ?? null,
    })),
  };
}
