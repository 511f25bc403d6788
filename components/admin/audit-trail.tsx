import Link from "next/link";
import type { AuditTrailPage, AuditTrailEvent } from "@/lib/server/audit/list-audit-events";
import { recordKindLabel } from "@/lib/vocabulary/record-kind";
import { EmptyState, Table, Td, Th } from "@/components/ui/table";
import { linkStyles } from "@/components/ui/styles";
import { UtcTime } from "@/components/ui/utc-time";
import { roleLabel } from "./role-label";

function formatValue(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

/** What the row shows besides who and when: the record's body (if it concerns no participant), then operational detail. */
function detailsOf(event: AuditTrailEvent): [string, unknown][] {
  const shown = Object.entries(event.recordBody ?? {});
  const seen = new Map(shown);
  for (const [key, value] of Object.entries(event.details ?? {})) {
    if (!seen.has(key) || JSON.stringify(seen.get(key)) !== JSON.stringify(value)) shown.push([seen.has(key) ? `${key} (audit)` : key, value]);
  }
  if (event.subject) shown.unshift(["participant", event.subject]);
  if (event.ipAddress) shown.push(["client address", event.ipAddress]);
  return shown;
}

/** The URL of the same filters on another page (`before` absent: the newest page). */
function pageHref(query: AuditTrailPage["query"], before?: number): string {
  const params = new URLSearchParams();
  for (const key of ["kind", "actor", "trial", "from", "to"] as const) if (query[key]) params.set(key, query[key]!);
  if (before) params.set("before", String(before));
  const search = params.toString();
  return `/admin${search ? `?${search}` : ""}#audit`;
}

/** One page of the audit trail, newest first, with links to the next (older) page and back to the newest. */
export function AuditTrail({ page }: { page: AuditTrailPage }) {
  const { events, nextBefore, query } = page;
  return (
    <div className="flex flex-col gap-3">
      {events.length === 0 ? (
        <EmptyState>No audit events match these filters.</EmptyState>
      ) : (
        <Table caption="Audit events">
          <thead>
            <tr>
              <Th>Time (UTC)</Th>
              <Th>Kind</Th>
              <Th>Actor</Th>
              <Th>Trial</Th>
              <Th>Record</Th>
              <Th>Details</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200 bg-white">
            {events.map((event) => {
              const details = detailsOf(event);
              return (
                <tr key={event.id} data-testid="audit-row" data-kind={event.kind} data-trial={event.log ?? ""}>
                  <Td>
                    <span className="whitespace-nowrap">
                      <UtcTime value={event.at} />
                    </span>
                  </Td>
                  <Td>
                    {recordKindLabel(event.kind)}
                    <span className="block font-mono text-xs text-slate-700">{event.kind}</span>
                  </Td>
                  <Td>
                    {event.actor.userId ? (event.actor.name ?? event.actor.userId) : "The portal"}
                    <span className="block text-xs text-slate-700">
                      {roleLabel(event.actor.role)}
                      {event.actor.organizationName ? ` at ${event.actor.organizationName}` : ""}
                    </span>
                  </Td>
                  <Td mono>{event.log && event.log !== "portal" ? event.log : "—"}</Td>
                  <Td mono>
                    {event.log !== null && event.logIndex !== null ? (
                      <Link className={linkStyles} href={`/records/${encodeURIComponent(event.log)}/${event.logIndex}`}>
                        #{event.logIndex}
                      </Link>
                    ) : (
                      "—"
                    )}
                  </Td>
                  <Td>
                    {details.length === 0 ? (
                      "—"
                    ) : (
                      <dl className="grid grid-cols-[auto_1fr] gap-x-2 text-xs">
                        {details.map(([key, value]) => (
                          <div key={key} className="contents">
                            <dt className="font-medium text-slate-700">{key}</dt>
                            <dd className="break-all text-slate-900">{formatValue(value)}</dd>
                          </div>
                        ))}
                      </dl>
                    )}
                  </Td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      )}
      <nav aria-label="Audit trail pages" className="flex flex-wrap gap-4 text-sm">
        {query.before ? (
          <Link className={linkStyles} href={pageHref(query)} data-testid="audit-newest">
            Newest events
          </Link>
        ) : null}
        {nextBefore ? (
          <Link className={linkStyles} href={pageHref(query, nextBefore)} data-testid="audit-older">
            Older events
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
