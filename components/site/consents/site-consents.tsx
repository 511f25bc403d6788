"use client";

import { Fragment, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { buttonStyles } from "@/components/ui/styles";
import { EmptyState, Table, Td, Th } from "@/components/ui/table";
import { UtcTime } from "@/components/ui/utc-time";
import type { SiteConsentsResult } from "@/lib/api/results";
import { CONSENT_STATUS_LABEL, CONSENT_STATUS_TONE, CONSENT_STATUSES, type ConsentStatus } from "@/lib/vocabulary/consent-status";
import { WITHDRAWAL_SCOPE_LABEL } from "@/lib/vocabulary/withdrawal-scope";
import { CountersignForm } from "./countersign-form";

type Participant = SiteConsentsResult["participants"][number];
/** Invitations are listed with the roster; here only participants, who have a consent to show. */
const SHOWN: readonly ConsentStatus[] = CONSENT_STATUSES.filter((s) => s !== "invited");
/** Only the current signature of a participant still taking part can be countersigned (the server checks it again). */
const awaitsMe = (p: Participant) => p.status === "signed" && p.awaitsCountersignature && p.signatureId !== null;

/**
 * The investigator's consents, one table per status (lib/vocabulary/consent-status.ts), filterable to one status.
 * A signature awaiting countersignature opens the countersign form in its row.
 */
export function SiteConsents({ participants, counts }: Pick<SiteConsentsResult, "participants" | "counts">) {
  const awaiting = participants.filter(awaitsMe).length;
  const [filter, setFilter] = useState<ConsentStatus | "awaiting" | "all">(awaiting > 0 ? "awaiting" : "all");
  const [open, setOpen] = useState<string | null>(null);

  const options: { key: typeof filter; label: string; count: number }[] = [
    { key: "awaiting", label: "Awaiting countersignature", count: awaiting },
    ...SHOWN.map((s) => ({ key: s, label: CONSENT_STATUS_LABEL[s], count: counts[s] })),
    { key: "all", label: "All", count: participants.length },
  ];
  const shown = participants.filter((p) => filter === "all" || (filter === "awaiting" ? awaitsMe(p) : p.status === filter));
  const groups = SHOWN.map((status) => ({ status, rows: shown.filter((p) => p.status === status) })).filter((g) => g.rows.length > 0);

  return (
    <div className="flex flex-col gap-4">
      <div role="group" aria-label="Show consents" className="flex flex-wrap gap-2" data-testid="consent-filter">
        {options.map((o) => (
          <button
            key={o.key}
            type="button"
            aria-pressed={filter === o.key}
            className={`${buttonStyles.small} aria-pressed:border-indigo-700 aria-pressed:bg-indigo-50 aria-pressed:text-indigo-900`}
            onClick={() => setFilter(o.key)}
            data-testid={`consent-filter-${o.key}`}
          >
            {o.label} ({o.count})
          </button>
        ))}
      </div>
      {groups.length === 0 ? (
        <EmptyState>{participants.length === 0 ? "No participants have joined yet." : "No consents with this status."}</EmptyState>
      ) : (
        groups.map((g) => <ConsentTable key={g.status} status={g.status} rows={g.rows} open={open} onOpen={setOpen} />)
      )}
    </div>
  );
}

function ConsentTable({
  status,
  rows,
  open,
  onOpen,
}: {
  status: ConsentStatus;
  rows: Participant[];
  open: string | null;
  onOpen: (signatureId: string | null) => void;
}) {
  return (
    <div data-testid={`consent-group-${status}`}>
      <h3 className="mb-2 flex items-center gap-2 text-sm font-semibold text-slate-900">
        <Badge tone={CONSENT_STATUS_TONE[status]}>{CONSENT_STATUS_LABEL[status]}</Badge>
        <span>
          {rows.length} participant{rows.length === 1 ? "" : "s"}
        </span>
      </h3>
      <Table caption={`Consents: ${CONSENT_STATUS_LABEL[status]}`}>
        <thead>
          <tr>
            <Th>Participant id</Th>
            <Th>Trial</Th>
            <Th>Form version</Th>
            <Th>Signed at</Th>
            <Th>Details</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 bg-white">
          {rows.map((p) => (
            <Fragment key={p.participantId}>
              <tr data-testid="consent-row" data-participant={p.participantId}>
                <Td mono>{p.participantId}</Td>
                <Td mono>{p.publicId}</Td>
                <Td>{p.formId ? `${p.formId} v${p.formVersion}` : "Not signed yet"}</Td>
                <Td>{p.signedAt ? <UtcTime value={p.signedAt} /> : "—"}</Td>
                <Td>
                  <RowDetails participant={p} open={open === p.signatureId} onOpen={onOpen} />
                </Td>
              </tr>
              {p.signatureId && open === p.signatureId ? (
                <tr>
                  <td colSpan={5} className="bg-slate-50 px-3 py-4">
                    <CountersignForm signatureId={p.signatureId} participantId={p.participantId} onCancel={() => onOpen(null)} />
                  </td>
                </tr>
              ) : null}
            </Fragment>
          ))}
        </tbody>
      </Table>
    </div>
  );
}

function RowDetails({ participant: p, open, onOpen }: { participant: Participant; open: boolean; onOpen: (signatureId: string | null) => void }) {
  if (awaitsMe(p)) {
    return (
      <button
        type="button"
        className={buttonStyles.small}
        aria-expanded={open}
        onClick={() => onOpen(open ? null : p.signatureId)}
        data-testid="countersign-open"
      >
        {open ? "Close" : "Countersign"}
      </button>
    );
  }
  if (p.status === "withdrawn" && p.withdrawalScope) return <span>Withdrew: {WITHDRAWAL_SCOPE_LABEL[p.withdrawalScope]}</span>;
  if (p.status === "reconsent_required") return <span>A newer version of the form is in use: the participant must sign it.</span>;
  if (p.status === "enrolled") return <span>Has not signed the consent form yet.</span>;
  return <span>—</span>;
}
