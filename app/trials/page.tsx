import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Field } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { buttonStyles, inputStyles, linkStyles } from "@/components/ui/styles";
import { EmptyState, Table, Td, Th } from "@/components/ui/table";
import { UtcTime } from "@/components/ui/utc-time";
import { phaseLabel } from "@/lib/vocabulary/phase";
import { TRIAL_STATUS_LABEL, TRIAL_STATUS_TONE } from "@/lib/vocabulary/trial-status";
import { REGISTRY_PHASE_OPTIONS, REGISTRY_STATUS_OPTIONS } from "./filter-options";
import { searchRegistry, type SearchParams } from "./search-registry";

export const metadata: Metadata = { title: "Trial registry" };
export const dynamic = "force-dynamic";

/** Public: registered trials only, searched and paginated on the server (the same use case as GET /api/trials). Works without JavaScript. */
export default async function TrialRegistryPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const result = await searchRegistry(params);
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() ?? "";
  const filters = {
    q: first(params.q),
    status: first(params.status),
    phase: first(params.phase),
    country: first(params.country),
  };
  const hrefFor = (p: number) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(filters)) if (v.trim()) q.set(k, v.trim());
    if (p > 1) q.set("page", String(p));
    const s = q.toString();
    return s ? `/trials?${s}` : "/trials";
  };
  const lastPage = result.ok ? Math.max(1, Math.ceil(result.data.total / result.data.pageSize)) : 1;

  return (
    <>
      <PageHeader
        title="Public trial registry"
        description="Registered trials, their protocol versions and amendments. Each version is committed on chain by the sponsor's own wallet; you can verify it in your browser."
      />
      <Section id="registry-search" title="Search">
        <form method="get" action="/trials" role="search" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5 lg:items-end">
          <div className="lg:col-span-2">
            <Field id="registry-q" label="Search" hint="Title, condition, intervention or sponsor.">
              {(props) => <input {...props} type="search" name="q" defaultValue={filters.q} className={inputStyles} data-testid="registry-q" />}
            </Field>
          </div>
          <Field id="registry-status" label="Status">
            {(props) => (
              <select {...props} name="status" defaultValue={filters.status} className={inputStyles} data-testid="registry-status">
                <option value="">Any status</option>
                {REGISTRY_STATUS_OPTIONS.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="registry-phase" label="Phase">
            {(props) => (
              <select {...props} name="phase" defaultValue={filters.phase} className={inputStyles} data-testid="registry-phase">
                <option value="">Any phase</option>
                {REGISTRY_PHASE_OPTIONS.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="registry-country" label="Country" hint="Two-letter code, e.g. DE.">
            {(props) => (
              <input {...props} name="country" defaultValue={filters.country} maxLength={2} className={inputStyles} data-testid="registry-country" />
            )}
          </Field>
          <div className="flex gap-2 lg:col-span-5">
            <button type="submit" className={buttonStyles.primary} data-testid="registry-submit">
              Search
            </button>
            <Link href="/trials" className={buttonStyles.secondary}>
              Clear
            </Link>
          </div>
        </form>
      </Section>

      <Section id="registry-results" title="Registered trials">
        {!result.ok ? (
          <Alert tone="error" title="Check the search" testId="registry-error">
            <ul className="list-disc pl-5">
              {result.messages.map((m, i) => (
                <li key={i}>{m}</li>
              ))}
            </ul>
          </Alert>
        ) : result.data.items.length === 0 ? (
          result.data.total > 0 ? (
            <EmptyState>
              <span data-testid="registry-past-end">
                Page {result.data.page} is past the last page ({lastPage}).{" "}
                <a className={linkStyles} href={hrefFor(lastPage)}>
                  Go to the last page
                </a>
                .
              </span>
            </EmptyState>
          ) : (
            <EmptyState>No registered trial matches.</EmptyState>
          )
        ) : (
          <div className="flex flex-col gap-4">
            <p className="text-sm text-slate-700" data-testid="registry-count">
              {result.data.total} {result.data.total === 1 ? "trial" : "trials"}; page {result.data.page} of {lastPage}.
            </p>
            <Table caption="Registered trials">
              <thead>
                <tr>
                  <Th>Trial</Th>
                  <Th>Title</Th>
                  <Th>Status</Th>
                  <Th>Phase</Th>
                  <Th>Conditions</Th>
                  <Th>Sponsor</Th>
                  <Th>Countries</Th>
                  <Th>Registered</Th>
                  <Th>Version</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-200 bg-white">
                {result.data.items.map((t) => (
                  <tr key={t.publicId} data-testid="registry-row">
                    <Td mono>
                      <a className={linkStyles} href={`/trials/${encodeURIComponent(t.publicId)}`}>
                        {t.publicId}
                      </a>
                    </Td>
                    <Td>{t.title}</Td>
                    <Td>
                      <Badge tone={TRIAL_STATUS_TONE[t.status]}>{TRIAL_STATUS_LABEL[t.status]}</Badge>
                    </Td>
                    <Td>{phaseLabel(t.phase)}</Td>
                    <Td>{t.conditions || "—"}</Td>
                    <Td>{t.sponsor ?? "—"}</Td>
                    <Td>{t.countries.join(", ") || "—"}</Td>
                    <Td>
                      <UtcTime value={t.registeredAt} />
                    </Td>
                    <Td>{t.currentVersion}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
            <nav aria-label="Pages" className="flex items-center gap-3">
              {result.data.page > 1 ? (
                <a className={buttonStyles.secondary} href={hrefFor(result.data.page - 1)} rel="prev" data-testid="registry-prev">
                  Previous page
                </a>
              ) : null}
              {result.data.page * result.data.pageSize < result.data.total ? (
                <a className={buttonStyles.secondary} href={hrefFor(result.data.page + 1)} rel="next" data-testid="registry-next">
                  Next page
                </a>
              ) : null}
            </nav>
          </div>
        )}
      </Section>
    </>
  );
}
