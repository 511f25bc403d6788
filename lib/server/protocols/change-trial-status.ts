import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { trial } from "@/lib/db/schema";
import type { TChangeTrialStatusRequest } from "@/lib/schemas/protocol";
import type { Viewer } from "@/lib/server/auth/viewer";
import { AppError } from "@/lib/server/errors/app-error";
import { appendRecord } from "@/lib/server/log/append-records";
import { sponsorActor, sponsorTrialFor } from "./sponsor-trial-access";

/** Requested status (protocol.status vocabulary, plus "active") → the trial's status column. */
const TRIAL_STATUS = {
  not_yet_recruiting: "registered",
  recruiting: "recruiting",
  active: "active",
  active_not_recruiting: "active",
  suspended: "suspended",
  completed: "completed",
  terminated: "terminated",
  withdrawn: "withdrawn",
} as const;

/** A status change of a registered trial: the `protocol.status` record and the trial's status, in one transaction. */
export async function changeTrialStatus(viewer: Viewer, trialId: string, request: TChangeTrialStatusRequest) {
  const database = await db();
  return database.transaction(async (tx) => {
    const row = await sponsorTrialFor(tx, viewer, trialId, { lock: true });
    if (!row.registeredAt) throw new AppError("CONFLICT", `${row.publicId} is not registered yet: its status can change once it is registered.`);
    if (row.status === "withdrawn" || row.status === "completed" || row.status === "terminated") {
      throw new AppError("CONFLICT", `${row.publicId} is ${row.status}: its status can no longer change.`);
    }
    const reason = request.reason?.trim() || undefined;
    const recordStatus = request.status === "active" ? "active_not_recruiting" : request.status;
    const record = await appendRecord(tx, row.publicId, {
      kind: "protocol.status",
      actor: sponsorActor(viewer),
      body: reason ? { status: recordStatus, reason } : { status: recordStatus },
    });
    const status = TRIAL_STATUS[request.status];
    await tx.update(trial).set({ status }).where(eq(trial.id, trialId));
    return { status, leafIndex: record.index, leafHash: record.leafHash };
  });
}
