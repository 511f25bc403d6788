import type { Metadata } from "next";
import { Suspense } from "react";
import { ROLE_LABEL, ZRole } from "@/lib/schemas/roles";
import { requirePageRole } from "@/lib/server/auth/guards";
import type { Viewer } from "@/lib/server/auth/viewer";
import { listAuditEvents } from "@/lib/server/audit/list-audit-events";
import { listPeople } from "@/lib/server/admin/list-people";
import { RoleChangeForm } from "@/components/admin/role-change-form";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { SectionSkeleton } from "@/components/ui/skeleton";
import { EmptyState, Table, Td, Th } from "@/components/ui/table";
import { UtcTime } from "@/components/ui/utc-time";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  const viewer = await requirePageRole(["platform_admin"], "/admin");
  return (
    <>
      <PageHeader title="Platform administration" description="People, their roles, and the audit trail of the platform." />
      <Suspense
        fallback={
          <Section id="people" title="People and roles">
            <SectionSkeleton label="Loading people" />
          </Section>
        }
      >
        <PeopleAndAudit viewer={viewer} />
      </Suspense>
    </>
  );
}

function roleLabel(role: string | null): string {
  if (!role) return "—";
  const parsed = ZRole.safeParse(role);
  return parsed.success ? ROLE_LABEL[parsed.data] : role;
}

function formatValue(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

async function PeopleAndAudit({ viewer }: { viewer: Viewer }) {
  const [{ people, organizations }, events] = await Promise.all([listPeople(viewer), listAuditEvents(viewer)]);
  const nameOf = new Map(people.map((p) => [p.id, p.name]));

  return (
    <>
      <Section id="people" title="People and roles">
        {people.length === 0 ? (
          <EmptyState>No people yet.</EmptyState>
        ) : (
          <Table caption="People and their roles">
            <thead>
              <tr>
                <Th>Name</Th>
                <Th>Email</Th>
                <Th>Roles</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200 bg-white">
              {people.map((person) => (
                <tr key={person.id} data-testid="person-row">
                  <Td>{person.name}</Td>
                  <Td>{person.email}</Td>
                  <Td>
                    {person.roles.length === 0 ? (
                      <span className="text-slate-700">No role</span>
                    ) : (
                      <ul className="flex flex-col gap-0.5">
                        {person.roles.map((r) => (
                          <li key={`${r.organizationId}-${r.role}`}>
                            {roleLabel(r.role)} <span className="text-slate-700">at {r.organizationName}</span>
                          </li>
                        ))}
                      </ul>
                    )}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Section>

      <Section id="role-change" title="Change a role" description="Grant or revoke a role within an organization. Every change is audited with its reason.">
        <RoleChangeForm
          people={people.map((p) => ({ id: p.id, name: p.name, email: p.email }))}
          organizations={organizations.map((o) => ({ id: o.id, name: o.name, kind: o.kind }))}
        />
      </Section>

      <Section id="audit" title="Latest audit events" description="Newest first. Times in UTC.">
        {events.length === 0 ? (
          <EmptyState>No audit events yet.</EmptyState>
        ) : (
          <Table caption="Latest audit events">
            <thead>
              <tr>
                <Th>Time</Th>
                <Th>Kind</Th>
                <Th>Actor</Th>
                <Th>Role</Th>
                <Th>Details</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200 bg-white">
              {events.map((event) => {
                const details = Object.entries(event.body ?? {});
                if (event.subject) details.unshift(["subject", event.subject]);
                if (event.trialId) details.unshift(["trial", event.trialId]);
                if (event.ipAddress) details.push(["ip", event.ipAddress]);
                return (
                  <tr key={event.id} data-testid="audit-row">
                    <Td>
                      <span className="whitespace-nowrap">
                        <UtcTime value={event.at} />
                      </span>
                    </Td>
                    <Td mono>{event.kind}</Td>
                    <Td>{event.actorUserId ? (nameOf.get(event.actorUserId) ?? event.actorUserId) : "—"}</Td>
                    <Td>{roleLabel(event.actorRole)}</Td>
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
      </Section>
    </>
  );
}
