import "server-only";
import { and, desc, eq, gte, lt, type SQL } from "drizzle-orm";
import { auditEvent, logEnvelope, organization, user } from "@/lib/db/schema";
import { db } from "@/lib/db/client";
import { auditTimeBounds, ZAuditQuerySchema, type TAuditQueryInput } from "@/lib/schemas/audit";
import type { Viewer } from "@/lib/server/auth/viewer";
import { AppError } from "@/lib/server/errors/app-error";
import { fromZod } from "@/lib/server/errors/from-zod";

/**
 * The platform's audit trail, newest first, filtered by kind, actor, trial (or "portal"), and a UTC time range, one
 * page at a time (keyset on the audit id: `nextBefore` asks for the next, older page). Each event names its log
 * record; the record's body is included for records that concern no participant (participants' data is not shown
 * on the admin screen, only who acted on which pseudonym and when).
 */
export async function listAuditEvents(viewer: Viewer, input: Partial<TAuditQueryInput> = {}) {
  if (!viewer.roles.includes("platform_admin")) throw new AppError("FORBIDDEN", "Only platform admins can read the audit trail.");
  const parsed = ZAuditQuerySchema.safeParse(input);
  if (!parsed.success) throw fromZod(parsed.error, "audit filter");
  const query = parsed.data;
  const { from, toBefore } = auditTimeBounds(query);
  const where: (SQL | undefined)[] = [
    query.kind ? eq(auditEvent.kind, query.kind) : undefined,
    query.actor ? eq(auditEvent.actorUserId, query.actor) : undefined,
    query.trial ? eq(auditEvent.logId, query.trial) : undefined,
    from ? gte(auditEvent.at, from) : undefined,
    toBefore ? lt(auditEvent.at, toBefore) : undefined,
    query.before ? lt(auditEvent.id, query.before) : undefined,
  ];
  const database = await db();
  const rows = await database
    .select({
      id: auditEvent.id,
      at: auditEvent.at,
      kind: auditEvent.kind,
      actorUserId: auditEvent.actorUserId,
      actorName: user.name,
      actorRole: auditEvent.actorRole,
      actorOrganizationId: auditEvent.actorOrganizationId,
      actorOrganizationName: organization.name,
      logId: auditEvent.logId,
      logIndex: auditEvent.logIndex,
      subject: auditEvent.subject,
      ipAddress: auditEvent.ipAddress,
      details: auditEvent.body,
      envelope: logEnvelope.envelope,
    })
    .from(auditEvent)
    .leftJoin(logEnvelope, and(eq(logEnvelope.logId, auditEvent.logId), eq(logEnvelope.idx, auditEvent.logIndex)))
    .leftJoin(user, eq(user.id, auditEvent.actorUserId))
    .leftJoin(organization, eq(organization.id, auditEvent.actorOrganizationId))
    .where(and(...where))
    .orderBy(desc(auditEvent.id))
    .limit(query.limit + 1);

  const events = rows.slice(0, query.limit).map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    kind: r.kind,
    actor: {
      userId: r.actorUserId,
      name: r.actorName,
      role: r.actorRole,
      organizationId: r.actorOrganizationId,
      organizationName: r.actorOrganizationName,
    },
    /** The log the record is in: a public trial id, or "portal". Null only for rows older than this link. */
    log: r.logId,
    logIndex: r.logIndex,
    subject: r.subject,
    ipAddress: r.ipAddress,
    details: r.details,
    recordBody: r.envelope && !r.subject ? ((r.envelope as { body?: Record<string, unknown> }).body ?? null) : null,
  }));
  return { events, nextBefore: rows.length > query.limit ? (events.at(-1)?.id ?? null) : null, query };
}

export type AuditTrailPage = Awaited<ReturnType<typeof listAuditEvents>>;
export type AuditTrailEvent = AuditTrailPage["events"][number];
