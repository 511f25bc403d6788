import "server-only";
import { canonicalize, type BodyOf, type EnvelopeOf, type RecordKind } from "@/lib/integrity";
import { auditEvent } from "@/lib/db/schema";
import type { Tx } from "@/lib/db/client";
import { appendRecords, type AppendedRecord } from "@/lib/server/log/append-records";
import { PORTAL_LOG } from "@/lib/server/log/ensure-log";
import { envelopeActorOf, type AuditActor } from "./actor";

interface ChangeOf<K extends RecordKind> {
  kind: K;
  /** The trial whose log receives the record; absent for changes of the portal itself (sign-ins, roles). */
  trial?: { id: string; publicId: string } | null;
  /** The participant the record is about (pseudonym), when there is one. */
  subject?: string;
  /** The log record's body, checked against the kind's schema before anything is written. */
  body: BodyOf<K>;
  /**
   * Operational detail kept only in the audit row, never in the log: session ids, an attempted email, portal role
   * and organization ids. The log is permanent and public to auditors; the audit table is not.
   */
  details?: Record<string, unknown>;
  /** The client's address, for sign-in forensics (audit row only). */
  ipAddress?: string | null;
  /**
   * An envelope of this change built earlier, appended exactly as built (its author, instant and salt, so its leaf
   * hash is unchanged): a protocol version is hashed when prepared, committed on chain, and appended once confirmed.
   * `body` and `subject` must be the envelope's.
   */
  prepared?: EnvelopeOf<K>;
}

/** One domain change: a kind of the closed record catalogue with its typed body. */
export type DomainChange = { [K in RecordKind]: ChangeOf<K> }[RecordKind];

export interface RecordedChange extends AppendedRecord {
  auditId: number;
}

/** Rows per INSERT statement, well under PostgreSQL's 65,535 bind parameters. */
const AUDIT_ROWS_PER_STATEMENT = 2_000;

/**
 * The one path by which a domain change is written: its log record (in the trial's log, or the portal-wide log)
 * and its audit row naming that record, in the caller's transaction (never the bare database), so the change, its
 * record and its audit row are stored together or not at all. The actor is attributed in both (user id, portal
 * role, organization); the audit row is stamped with the record's own UTC instant (for a prepared envelope, the
 * instant it is appended, and the audit actor is who appends it). A failure here aborts the change.
 */
export async function recordDomainChange(tx: Tx, actor: AuditActor, change: DomainChange): Promise<RecordedChange> {
  const [recorded] = await recordDomainChanges(tx, [{ actor, change }]);
  return recorded!;
}

/**
 * Several changes of one log in one append (the demo seed writes hundreds at once): one lock of the log head, one
 * statement for the records, one per 2,000 audit rows.
 */
export async function recordDomainChanges(tx: Tx, changes: readonly { actor: AuditActor; change: DomainChange }[]): Promise<RecordedChange[]> {
  if (changes.length === 0) return [];
  const logId = changes[0]!.change.trial?.publicId ?? PORTAL_LOG;
  if (changes.some(({ change }) => (change.trial?.publicId ?? PORTAL_LOG) !== logId)) {
    throw new Error("recordDomainChanges: all changes of one call go to the same log");
  }
  for (const { change } of changes) {
    const p = change.prepared;
    if (p && (p.kind !== change.kind || p.trial !== logId || canonicalize(p.body) !== canonicalize(change.body) || p.subject !== change.subject)) {
      throw new Error(`recordDomainChange: the prepared ${p.kind} envelope is not this change (${change.kind} in ${logId})`);
    }
  }
  const appended = await appendRecords(
    tx,
    logId,
    changes.map(({ actor, change }) => {
      const p = change.prepared;
      return p
        ? { kind: change.kind, actor: p.actor, subject: p.subject, body: p.body, at: p.at, salt: p.salt }
        : { kind: change.kind, actor: envelopeActorOf(actor), subject: change.subject, body: change.body };
    }),
  );
  const now = new Date();
  const rows = changes.map(({ actor, change }, i) => ({
    at: change.prepared ? now : new Date(appended[i]!.envelope.at),
    kind: change.kind,
    actorUserId: actor.userId,
    actorRole: actor.role,
    actorOrganizationId: actor.organizationId ?? null,
    trialId: change.trial?.id ?? null,
    logId,
    logIndex: appended[i]!.index,
    subject: change.subject ?? null,
    ipAddress: change.ipAddress ?? null,
    body: change.details ?? {},
  }));
  const auditIds = new Map<number, number>();
  for (let start = 0; start < rows.length; start += AUDIT_ROWS_PER_STATEMENT) {
    const inserted = await tx
      .insert(auditEvent)
      .values(rows.slice(start, start + AUDIT_ROWS_PER_STATEMENT))
      .returning({ id: auditEvent.id, logIndex: auditEvent.logIndex });
    for (const row of inserted) auditIds.set(row.logIndex!, row.id);
  }
  return appended.map((record) => ({ ...record, auditId: auditIds.get(record.index)! }));
}
