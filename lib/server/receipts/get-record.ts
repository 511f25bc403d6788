import "server-only";
import { and, eq } from "drizzle-orm";
import type { Hex } from "@/lib/integrity";
import { logEnvelope } from "@/lib/db/schema";
import { db } from "@/lib/db/client";
import type { Viewer } from "@/lib/server/auth/viewer";
import { AppError } from "@/lib/server/errors/app-error";
import { logReadScope, readableLeaf } from "@/lib/server/verification/log-read-scope";
import { recordAnchoring, type RecordAnchoring } from "./record-anchoring";
import type { AnchoringState } from "@/lib/vocabulary/anchoring-state";

export interface RecordView {
  logId: string;
  trialTitle: string | null;
  index: number;
  kind: string;
  subject: string | null;
  at: Date;
  leafHash: Hex;
  /**
   * The stored envelope; null when it was erased on a lawful request (the leaf hash stays, docs/privacy.md#erasure).
   */
  envelope: Record<string, unknown> | null;
  /** "mismatch": the stored log no longer matches its anchored checkpoint at this record (no receipt issued). */
  anchoring: RecordAnchoring | { status: Extract<AnchoringState, "mismatch">; message: string };
}

/** One record with its anchoring status and, once anchored, its receipt, for a viewer allowed to read it. */
export async function getRecord(viewer: Viewer, logId: string, index: number): Promise<RecordView> {
  const database = await db();
  return database.transaction(
    async (tx) => {
      const scope = await logReadScope(tx, viewer, logId);
      const leaf = await readableLeaf(tx, scope, index);
      const [stored] = await tx
        .select({ envelope: logEnvelope.envelope })
        .from(logEnvelope)
        .where(and(eq(logEnvelope.logId, logId), eq(logEnvelope.idx, index)));
      return {
        logId,
        trialTitle: scope.trial?.title ?? null,
        index,
        kind: leaf.kind,
        subject: leaf.subject,
        at: leaf.at,
        leafHash: leaf.leafHash,
        envelope: stored?.envelope ?? null,
        anchoring: await recordAnchoring(tx, leaf).catch((error: unknown) => {
          if (error instanceof AppError && error.code === "CONFLICT") return { status: "mismatch" as const, message: error.message };
          throw error;
        }),
      };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}
