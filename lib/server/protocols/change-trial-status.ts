import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { trial } from "@/lib/db/schema";
import type { TChangeTrialStatusRequest } from "@/lib/schemas/protocol";
import type { Viewer } from "@/lib/server/auth/viewer";
import { AppError } from "@/lib/server/errors/app-error";
import { recordDomainChange } from "@/lib/server/audit/record-domain-change";
import { isFinalStatus } from "@/lib/vocabulary/recruitment-status";
import { sponsorActor, sponsorTrialFor } from "./sponsor-trial-access";

/**
 * A status change of a registered trial: the `protocol.status` record and the trial's status, in one transaction.
 * A registered trial's status is its recruitment status (lib/vocabulary/trial-status.ts), so the two are the same value.
 */
export async function changeTrialStatus(viewer: Viewer, trialId: string, request: TChangeTrialStatusRequest) {
  const database = await db();
  return database.transaction(async (tx) => {
    const row = await sponsorTrialFor(tx, viewer, trialId, { lock: true });
    if (!row.registeredAt) throw new AppError("CONFLICT", `${row.publicId} is not registered yet: its status can change once it is registered.`);
    if (isFinalStatus(row.status)) {
      throw new AppError("CONFLICT", `${row.publicId} is ${row.status}: its status can no longer change.`);
    }
    const reason = request.reason?.trim() || undefined;
    const status = request.status;
    const record = await recordDomainChange(tx, sponsorActor(viewer, row), {
      kind: "protocol.status",
      trial: row,
      body: reason ? { status, reason } : { status },
    });
    await tx.update(trial).set({ status }).where(eq(trial.id, trialId));
    return { status, leafIndex: record.index, leafHash: record.leafHash };
  });
}
