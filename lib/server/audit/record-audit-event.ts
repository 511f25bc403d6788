import "server-only";
import { auditEvent, trial } from "@/lib/db/schema";
import type { Database, Tx } from "@/lib/db/client";
import { eq } from "drizzle-orm";
import { appendRecord } from "@/lib/server/log/append-records";
import { PORTAL_LOG } from "@/lib/server/log/ensure-log";
import { ZAuditKind, type AuditEventInput } from "./catalogue";
import { toLogRecord } from "./to-log-record";

/**
 * Writes one audit row and its log record (in the trial's log, or the portal-wide log) in the caller's
 * transaction, so the event and the change it describes are stored together or not at all; a failure here
 * aborts the change rather than being swallowed.
 */
export async function recordAuditEvent(tx: Tx | Database, input: AuditEventInput): Promise<void> {
  ZAuditKind.parse(input.kind);
  await tx.insert(auditEvent).values({
    kind: input.kind,
    actorUserId: input.actorUserId,
    actorRole: input.actorRole ?? null,
    trialId: input.trialId ?? null,
    subject: input.subject ?? null,
    ipAddress: input.ipAddress ?? null,
    body: input.body,
  });
  let logId = PORTAL_LOG;
  if (input.trialId) {
    const [row] = await tx.select({ publicId: trial.publicId }).from(trial).where(eq(trial.id, input.trialId));
    if (row) logId = row.publicId;
  }
  await appendRecord(tx, logId, toLogRecord(input));
}
