import type { Metadata } from "next";
import { Suspense } from "react";
import { z } from "zod";
import { queryObjectOf, type QueryObject } from "@/lib/schemas/query";
import { ZAuditQuerySchema } from "@/lib/schemas/audit";
import { requirePageRole } from "@/lib/server/auth/guards";
import type { Viewer } from "@/lib/server/auth/viewer";
import { listAuditEvents } from "@/lib/server/audit/list-audit-events";
import { listPeople } from "@/lib/server/admin/list-people";
import { AnchoringAlarms } from "@/components/admin/anchoring-alarms";
import { AuditFilters, type AuditFilterValues } from "@/components/admin/audit-filters";
import { AuditTrail } from "@/components/admin/audit-trail";
import { PeopleTable } from "@/components/admin/people-table";
import { RoleChangeForm } from "@/components/admin/role-change-form";
import { SignInAlerts } from "@/components/sign-in/sign-in-alerts";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { SectionSkeleton } from "@/components/ui/skeleton";

export const metadata: Metadata = { title: "Admin" };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function AdminPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requirePageRole(["platform_admin"], "/admin");
  const query = queryObjectOf(await searchParams);
  return (
    <>
      <PageHeader title="Platform administration" description="People, their roles, and the audit trail of the platform." />
      <Suspense fallback={<SectionSkeleton label="Loading sign-in alerts" />}>
        <SignInAlerts viewer={viewer} />
        <AnchoringAlarms viewer={viewer} />
      </Suspense>
      <Suspense
        fallback={
          <Section id="people" title="People and roles">
            <SectionSkeleton label="Loading people" />
          </Section>
        }
      >
        <PeopleAndAudit viewer={viewer} query={query} />
      </Suspense>
    </>
  );
}

/** The form's values as typed (a repeated parameter shows its first value), so a refused filter can be corrected. */
function filterValuesOf(query: QueryObject): AuditFilterValues {
  const first = (key: keyof AuditFilterValues) => {
    const value = query[key];
    return Array.isArray(value) ? value[0] : value;
  };
  return { kind: first("kind"), actor: first("actor"), trial: first("trial"), from: first("from"), to: first("to") };
}

async function PeopleAndAudit({ viewer, query }: { viewer: Viewer; query: QueryObject }) {
  // A bad filter is shown as a message next to the form that produced it, never as an error page.
  const parsed = ZAuditQuerySchema.safeParse(query);
  const [{ people, organizations }, trail] = await Promise.all([listPeople(viewer), parsed.success ? listAuditEvents(viewer, parsed.data) : null]);
  const errors = parsed.success ? {} : z.flattenError(parsed.error).fieldErrors;

  return (
    <>
      <Section id="people" title="People and roles">
        <PeopleTable people={people} />
      </Section>

      <Section
        id="role-change"
        title="Change a role"
        description="Grant or revoke a role within an organization. Every change is audited with its reason."
      >
        <RoleChangeForm
          people={people.map((p) => ({ id: p.id, name: p.name, email: p.email }))}
          organizations={organizations.map((o) => ({ id: o.id, name: o.name, kind: o.kind }))}
        />
      </Section>

      <Section
        id="audit"
        title="Audit trail"
        description="Every change, sign-in and role change, each with its log record. Newest first; times in UTC."
      >
        <AuditFilters values={filterValuesOf(query)} errors={errors} people={people.map((p) => ({ id: p.id, name: p.name, email: p.email }))} />
        {trail ? (
          <AuditTrail page={trail} />
        ) : (
          <Alert tone="error" title="These filters cannot be applied" testId="audit-filter-error">
            <ul className="list-disc pl-5">
              {Object.values(errors)
                .flat()
                .map((message) => (
                  <li key={message}>{message}</li>
                ))}
            </ul>
          </Alert>
        )}
      </Section>
    </>
  );
}
