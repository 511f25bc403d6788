import "server-only";
import type { Receipt } from "@/lib/integrity";
import { db } from "@/lib/db/client";
import type { Viewer } from "@/lib/server/auth/viewer";
import { AppError } from "@/lib/server/errors/app-error";
import { logReadScope, readableLeaf } from "@/lib/server/verification/log-read-scope";
import { recordAnchoring } from "./record-anchoring";

/**
 * The receipt of one record (docs/receipts.md#issuing) for a viewer allowed to read it. A record not yet covered by a
 * confirmed checkpoint has no receipt: CONFLICT, saying it is awaiting anchor.
 */
export async function getRecordReceipt(viewer: Viewer, logId: string, index: number): Promise<Receipt> {
  const database = await db();
  return database.transaction(
    async (tx) => {
      const scope = await logReadScope(tx, viewer, logId);
      const leaf = await readableLeaf(tx, scope, index);
      const anchoring = await recordAnchoring(tx, leaf);
      if (anchoring.status !== "anchored") {
        throw new AppError("CONFLICT", `Record ${index} of ${logId} is awaiting anchor: its receipt exists once a confirmed checkpoint covers it.`);
      }
      return anchoring.receipt;
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}
