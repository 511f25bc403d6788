import type { ConsentFormsOverviewResult } from "@/lib/api/results";
import { Badge } from "@/components/ui/badge";
import { linkStyles } from "@/components/ui/styles";
import { EmptyState, Table, Td, Th } from "@/components/ui/table";
import { UtcTime } from "@/components/ui/utc-time";
import { CONSENT_FORM_STATE_LABEL, CONSENT_FORM_STATE_TONE } from "@/lib/vocabulary/consent-form-state";
import { consentVersionPage } from "./consent-urls";
import { NewVersionButton } from "./new-version-button";

type Overview = ConsentFormsOverviewResult;
type Row = Overview["versions"][number];

/** "English (en)": the tag as written, with its English name when the runtime knows it. */
function languageName(tag: string): string {
  try {
    const name = new Intl.DisplayNames(["en"], { type: "language" }).of(tag);
    return name && name !== tag ? `${name} (${tag})` : tag;
  } catch {
    return tag;
  }
}

function sitesText(sites: Row["sites"], names: Map<string, string>): string {
  if (sites === null) return "—";
  if (sites === "all") return "All sites";
  return sites.map((id) => names.get(id) ?? id).join(", ");
}

/**
 * Every version of the trial's consent forms: language, state, sites, ethics approval, activation time (UTC) and how
 * many participants signed it. Only a form's latest version starts the next one, and only when it has no draft.
 */
export function VersionsTable({ overview }: { overview: Overview }) {
  const { trial, versions } = overview;
  const names = new Map(overview.sites.map((s) => [s.id, s.name]));
  if (versions.length === 0) return <EmptyState>No consent forms yet.</EmptyState>;
  const latestOf = new Map<string, Row>();
  for (const v of versions) if ((latestOf.get(v.formId)?.version ?? 0) < v.version) latestOf.set(v.formId, v);

  return (
    <Table caption="Consent form versions">
      <thead>
        <tr>
          <Th>Form and version</Th>
          <Th>Language</Th>
          <Th>State</Th>
          <Th>Protocol</Th>
          <Th>Sites</Th>
          <Th>Ethics approval</Th>
          <Th>Activated</Th>
          <Th>Signed by</Th>
          <Th>Actions</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-200">
        {versions.map((v) => {
          const latest = latestOf.get(v.formId)?.id === v.id;
          return (
            <tr key={v.id} data-testid={`consent-version-${v.id}`}>
              <Td>
                <a className={linkStyles} href={consentVersionPage(trial.id, v.id)}>
                  {v.title}
                </a>
                <span className="block text-xs text-slate-700">Version {v.version}</span>
              </Td>
              <Td>{languageName(v.language)}</Td>
              <Td>
                <Badge tone={CONSENT_FORM_STATE_TONE[v.state]} testId={`state-${v.id}`}>
                  {CONSENT_FORM_STATE_LABEL[v.state]}
                </Badge>
              </Td>
              <Td>Version {v.protocolVersion}</Td>
              <Td>{sitesText(v.sites, names)}</Td>
              <Td>
                {v.ethicsApproval ? (
                  <span data-testid={`approval-${v.id}`}>
                    {v.ethicsApproval.committee}, {v.ethicsApproval.reference}
                    <span className="block text-xs text-slate-700">approved {v.ethicsApproval.approvalDate}</span>
                  </span>
                ) : (
                  "—"
                )}
              </Td>
              <Td>
                <UtcTime value={v.activatedAt} />
              </Td>
              <Td>
                <span data-testid={`signed-${v.id}`}>
                  {v.signedCount} {v.signedCount === 1 ? "participant" : "participants"}
                </span>
              </Td>
              <Td>
                {v.state === "draft" ? (
                  <a className={linkStyles} href={consentVersionPage(trial.id, v.id)} data-testid={`edit-${v.id}`}>
                    Edit draft
                  </a>
                ) : latest ? (
                  <NewVersionButton trialId={trial.id} fromVersionId={v.id} label="New version" />
                ) : (
                  "—"
                )}
              </Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
