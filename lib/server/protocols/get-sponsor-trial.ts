import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { protocolDraft } from "@/lib/db/schema";
import type { Viewer } from "@/lib/server/auth/viewer";
import { pendingSignatureOf, versionsOf } from "./protocol-versions";
import { sponsorTrialFor } from "./sponsor-trial-access";

/** The sponsor's view of one trial: the draft, every version with its chain state, and what awaits signature. */
export async function getSponsorTrial(viewer: Viewer, trialId: string) {
  const database = await db();
  const row = await sponsorTrialFor(database, viewer, trialId);
  const [draft] = await database.select().from(protocolDraft).where(eq(protocolDraft.trialId, trialId));
  const versions = await versionsOf(database, trialId);
  const waiting = versions.find((v) => v.chainState === "awaiting_signature");
  return {
    trial: { id: row.id, publicId: row.publicId, title: row.title, status: row.status, registeredAt: row.registeredAt?.toISOString() ?? null, currentVersion: row.currentVersion },
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
    pending: waiting ? await pendingSignatureOf(database, row, waiting) : null,
  };
}
