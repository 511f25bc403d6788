import "server-only";
import { auditEvent } from "@/lib/db/schema";
import type { Database, Tx } from "@/lib/db/client";
import { ZAuditKind, type AuditEventInput } from "./catalogue";

/**
 * Appends one audit row. Callers pass their own transaction so the event and the change it describes
 * are stored together or not at all; a failure here aborts the change rather than being swallowed.
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
}
