import "server-only";
import { db } from "@/lib/db/client";
import { protocolDraft } from "@/lib/db/schema";
import type { TSaveDraftRequest } from "@/lib/schemas/protocol";
import type { Viewer } from "@/lib/server/auth/viewer";
import { sponsorTrialFor } from "./sponsor-trial-access";

/** Autosave: stores the lenient draft as is (last write wins). Drafts are never public. */
export async function saveProtocolDraft(viewer: Viewer, trialId: string, request: TSaveDraftRequest): Promise<{ updatedAt: string }> {
  const database = await db();
  return database.transaction(async (tx) => {
    await sponsorTrialFor(tx, viewer, trialId);
    const now = new Date();
    await tx
      .insert(protocolDraft)
      .values({ trialId, data: request.data, updatedAt: now, updatedBy: viewer.userId })
      .onConflictDoUpdate({
        target: protocolDraft.trialId,
        set: { data: request.data, updatedAt: now, updatedBy: viewer.userId },
      });
    return { updatedAt: now.toISOString() };
  });
}
