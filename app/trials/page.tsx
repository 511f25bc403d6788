import type { Metadata } from "next";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Field } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { buttonStyles, inputStyles, linkStyles } from "@/components/ui/styles";
import { EmptyState, Table, Td, Th } from "@/components/ui/table";
import { UtcTime } from "@/components/ui/utc-time";
import type { RegistryPage } from "@/components/protocols/types";
import { PHASE_LABEL, PHASES, ZRegistryQuerySchema } from "@/lib/schemas/protocol";
import { listRegistryTrials } from "@/lib/server/protocols/list-registry-trials";

export const metadata: Metadata = { title: "Trial registry" };
export const dynamic = "force-dynamic";

const STATUSES = ["registered", "not_yet_recruiting", "recruiting", "active", "active_not_recruiting", "suspended", "completed", "terminated", "withdrawn"];
const PAGE_SIZE = 20;

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() ?? "";
const phaseLabel = (p: string | null) => (p && p in PHASE_LABEL ? PHASE_LABEL[p as keyof typeof PHASE_LABEL] : (p ?? "—"));

/** Public: registered trials only, searched and paginated on the server (the same use case as GET /api/trials). Works without JavaScript. */
export default async function TrialRegistryPage({ searchParams }: { searchParams: Promise<Search> }) {
  const sp = await searchParams;
  const filters = { q: one(sp.q), status: one(sp.status), phase: one(sp.phase), country: one(sp.country).toUpperCase() };
  const page = Math.max(1, Number.parseInt(one(sp.page) || "1", 10) || 1);
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) query.set(k, v);
  const hrefFor = (p: number) => {
    const q = new URLSearchParams(query);
    if (p > 1) q.set("page", String(p));
    const s = q.toString();
    return s ? `/trials?${s}` : "/trials";
  };
  const parsed = ZRegistryQuerySchema.safeParse({ ...Object.fromEntries(query), page, pageSize: PAGE_SIZE });
  const result: { ok: true; data: RegistryPage } | { ok: false; message: string } = parsed.success
    ? { ok: true, data: (await listRegistryTrials(parsed.data)) as unknown as RegistryPage }
    : { ok: false, message: parsed.error.issues.map((i) => i.message).join(" ") };

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
                {STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {s.replace(/_/g, " ")}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="registry-phase" label="Phase">
            {(props) => (
              <select {...props} name="phase" defaultValue={filters.phase} className={inputStyles} data-testid="registry-phase">
                <option value="">Any phase</option>
                {PHASES.map((p) => (
                  <option key={p} value={p}>
                    {PHASE_LABEL[p]}
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
            <a href="/trials" className={buttonStyles.secondary}>
              Clear
            </a>
          </div>
        </form>
      </Section>

      <Section id="registry-results" title="Registered trials">
        {!result.ok ? (
          <Alert tone="error" title="Check the search" testId="registry-error">
            {result.message}
          </Alert>
        ) : result.data.items.length === 0 ? (
          <EmptyState>No registered trial matches.</EmptyState>
        ) : (
          <div className="flex flex-col gap-4">
            <p className="text-sm text-slate-700" data-testid="registry-count">
              {result.data.total} {result.data.total === 1 ? "trial" : "trials"}; page {result.data.page} of {Math.max(1, Math.ceil(result.data.total / result.data.pageSize))}.
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
                      <Badge>{String(t.status).replace(/_/g, " ")}</Badge>
                    </Td>
                    <Td>{phaseLabel(t.phase)}</Td>
                    <Td>{(Array.isArray(t.conditions) ? t.conditions.join("; ") : t.conditions) || "—"}</Td>
                    <Td>{t.sponsor ?? "—"}</Td>
                    <Td>{(t.countries ?? []).join(", ") || "—"}</Td>
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
