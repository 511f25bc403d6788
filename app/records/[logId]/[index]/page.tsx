import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import type { ReactNode } from "react";
import { RECORD_READER_ROLES, ZRecordRefRequestSchema } from "@/lib/schemas/records";
import { requirePageRole } from "@/lib/server/auth/guards";
import { AppError } from "@/lib/server/errors/app-error";
import { getRecord, type RecordView } from "@/lib/server/receipts/get-record";
import { DownloadJsonButton } from "@/components/records/download-json-button";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { buttonStyles, linkStyles } from "@/components/ui/styles";
import { UtcTime } from "@/components/ui/utc-time";
import { ANCHORING_STATE_LABEL, ANCHORING_STATE_TONE } from "@/lib/vocabulary/anchoring-state";
import { recordKindLabel } from "@/lib/vocabulary/record-kind";

type Params = { logId: string; index: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { logId, index } = await params;
  return { title: `Record ${index} of ${logId}` };
}

async function load(viewer: Parameters<typeof getRecord>[0], logId: string, index: number): Promise<RecordView> {
  try {
    return await getRecord(viewer, logId, index);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    if (error instanceof AppError && error.code === "FORBIDDEN") forbidden();
    throw error;
  }
}

export default async function RecordPage({ params }: { params: Promise<Params> }) {
  const raw = await params;
  const viewer = await requirePageRole(RECORD_READER_ROLES, `/records/${encodeURIComponent(raw.logId)}/${encodeURIComponent(raw.index)}`);
  const ref = ZRecordRefRequestSchema.safeParse(raw);
  if (!ref.success) notFound();
  const record = await load(viewer, ref.data.logId, ref.data.index);
  const receiptUrl = `/api/logs/${encodeURIComponent(record.logId)}/records/${record.index}/receipt`;

  return (
    <>
      <PageHeader title={`Record ${record.index} of ${record.logId}`} description={record.trialTitle ?? "The portal-wide log"} />

      <Section id="record" title="Record">
        <dl className="grid gap-4 sm:grid-cols-2">
          <Item label="Kind">
            {recordKindLabel(record.kind)} <span className="font-mono text-xs text-slate-700">({record.kind})</span>
          </Item>
          <Item label="Recorded at">
            <UtcTime value={record.at} />
          </Item>
          <Item label="Participant (pseudonymous id)">{record.subject ? <span className="font-mono">{record.subject}</span> : "—"}</Item>
          <Item label="Leaf hash">
            <span className="font-mono text-xs break-all" data-testid="record-leaf-hash">
              {record.leafHash}
            </span>
          </Item>
        </dl>
        <div className="mt-4">
          {record.envelope ? (
            <>
              <h3 className="mb-2 text-sm font-medium text-slate-900">Record as stored (its canonical JSON is what the leaf hash commits to)</h3>
              <pre
                className="max-h-96 overflow-auto rounded-md bg-slate-50 p-3 text-xs text-slate-900"
                data-testid="record-envelope"
                role="region"
                aria-label="Record envelope"
                tabIndex={0}
              >
                {JSON.stringify(record.envelope, null, 2)}
              </pre>
              <div className="mt-3">
                <DownloadJsonButton value={record.envelope} filename={`record-${record.logId}-${record.index}.json`} label="Download record" />
              </div>
            </>
          ) : (
            <Alert tone="info" title="Erased" testId="record-redacted">
              This record&apos;s data was erased on a lawful request. Its leaf hash stays in the log, so the log still verifies; the content cannot be
              shown or checked any more.
            </Alert>
          )}
        </div>
      </Section>

      <Section id="anchoring" title="Anchoring" description="Where this record's log is checkpointed on chain.">
        <Anchoring record={record} />
      </Section>

      {record.anchoring.status === "anchored" ? (
        <Section
          id="receipt"
          title="Receipt"
          description="Proof that this record is in the trial's log as anchored on chain. Anyone can check it without this portal."
          actions={
            <>
              <a href={receiptUrl} download className={buttonStyles.primary} data-testid="download-receipt">
                Download receipt
              </a>
              <Link href="/verify" className={buttonStyles.secondary}>
                Verify a receipt
              </Link>
            </>
          }
        >
          <pre
            className="max-h-96 overflow-auto rounded-md bg-slate-50 p-3 text-xs text-slate-900"
            data-testid="record-receipt"
            role="region"
            aria-label="Receipt"
            tabIndex={0}
          >
            {JSON.stringify(record.anchoring.receipt, null, 2)}
          </pre>
        </Section>
      ) : null}
    </>
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-sm font-medium text-slate-700">{label}</dt>
      <dd className="mt-1 text-sm text-slate-900">{children}</dd>
    </div>
  );
}

function Anchoring({ record }: { record: RecordView }) {
  const a = record.anchoring;
  if (a.status === "mismatch") {
    return (
      <Alert tone="error" title={`Integrity problem: ${ANCHORING_STATE_LABEL[a.status].toLowerCase()}`} testId="anchoring-status">
        {a.message}
      </Alert>
    );
  }
  if (a.status === "awaiting_anchor") {
    return (
      <div className="flex flex-col gap-2" data-testid="anchoring-status">
        <div>
          <Badge tone={ANCHORING_STATE_TONE[a.status]}>{ANCHORING_STATE_LABEL[a.status]}</Badge>
        </div>
        <p className="text-sm text-slate-700">
          The record is stored; it gets a receipt once a checkpoint covering it is confirmed on chain
          {a.checkpoint ? ` (the latest confirmed checkpoint covers records 0 to ${a.checkpoint.treeSize - 1})` : ""}.
        </p>
      </div>
    );
  }
  const cp = a.checkpoint;
  return (
    <div className="flex flex-col gap-3" data-testid="anchoring-status">
      <div>
        <Badge tone={ANCHORING_STATE_TONE[a.status]}>{ANCHORING_STATE_LABEL[a.status]}</Badge>
      </div>
      <dl className="grid gap-4 sm:grid-cols-2">
        <Item label="Checkpoint">
          records 0 to {cp.treeSize - 1} (tree size {cp.treeSize})
        </Item>
        <Item label="Chain">{cp.chainId}</Item>
        <Item label="Block">{cp.blockNumber}</Item>
        <Item label="TrialLedger contract">
          <span className="font-mono text-xs break-all">{cp.contract}</span>
        </Item>
        <Item label="Transaction">
          <span className="font-mono text-xs break-all">{cp.txHash}</span>
        </Item>
      </dl>
      <p className="text-sm text-slate-700">
        Root hash <span className="font-mono text-xs break-all">{cp.rootHash}</span>.{" "}
        <Link href="/verify" className={linkStyles}>
          Verify the receipt in your browser
        </Link>
        .
      </p>
    </div>
  );
}
