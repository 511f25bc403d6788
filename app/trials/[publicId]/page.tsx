import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { publicVerifierSettings } from "@/lib/server/verification/public-verifier-settings";
import { AppError } from "@/lib/server/errors/app-error";
import { getPublicTrial } from "@/lib/server/protocols/get-public-trial";
import { ProtocolVerifier } from "@/components/registry/protocol-verifier";
import { claimOfPublishedVersion } from "@/lib/chain/verify-public-trial";
import { ProtocolView } from "@/components/registry/protocol-view";
import { VersionDiff } from "@/components/registry/version-diff";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { linkStyles } from "@/components/ui/styles";
import { UtcTime } from "@/components/ui/utc-time";
import { ANCHORING_STATE_LABEL, ANCHORING_STATE_TONE } from "@/lib/vocabulary/anchoring-state";
import { PROTOCOL_CHAIN_STATE_LABEL, PROTOCOL_CHAIN_STATE_TONE } from "@/lib/vocabulary/protocol-chain-state";
import { TRIAL_STATUS_LABEL, TRIAL_STATUS_TONE } from "@/lib/vocabulary/trial-status";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ publicId: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { publicId } = await params;
  return { title: `Trial ${publicId}` };
}

type PublicTrial = Awaited<ReturnType<typeof getPublicTrial>>;

/** Whether the log is checkpointed on chain past this version's record, and by which transaction. */
function AnchoringStatus({ value }: { value: PublicTrial["versions"][number]["anchoring"] }) {
  const badge = <Badge tone={ANCHORING_STATE_TONE[value.state]}>{ANCHORING_STATE_LABEL[value.state]}</Badge>;
  if (value.state !== "anchored") return badge;
  return (
    <span className="flex flex-col gap-1">
      {badge}
      <span className="text-xs break-all text-slate-700">
        checkpoint of {value.treeSize} records, block {value.blockNumber}, transaction {value.txHash}
      </span>
    </span>
  );
}

/** Public: a registered trial, its versions and amendments, their on-chain state, and in-browser verification. */
export default async function TrialPage({ params }: Params) {
  const { publicId } = await params;
  let data: PublicTrial;
  try {
    // Same use case as GET /api/trials/[publicId], which publishes this very value as JSON.
    data = await getPublicTrial(publicId);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  const { trial, current, versions, chain } = data;
  const sorted = [...versions].sort((a, b) => a.version - b.version);
  const settings = publicVerifierSettings();
  const blocks = sorted.map((v) => v.blockNumber).filter((n): n is number => n !== null && n > 0);
  const fromBlock = blocks.length ? Math.min(...blocks) : 0;
  const base = `/api/trials/${encodeURIComponent(trial.publicId)}`;

  return (
    <>
      <PageHeader title={trial.title} description={<span className="font-mono">{trial.publicId}</span>}>
        <Badge tone={TRIAL_STATUS_TONE[trial.status]} testId="public-trial-status">
          {TRIAL_STATUS_LABEL[trial.status]}
        </Badge>
      </PageHeader>

      <Section
        id="current"
        title={current ? `Current protocol (version ${current.version})` : "Current protocol"}
        actions={
          <>
            <a className={linkStyles} href={`${base}/fhir`} data-testid="export-fhir">
              FHIR R4 ResearchStudy
            </a>
            {current ? (
              <a className={linkStyles} href={`${base}/versions/${current.version}/envelope`} data-testid="export-envelope">
                Canonical JSON record
              </a>
            ) : null}
          </>
        }
      >
        {current ? <ProtocolView protocol={current.protocol} /> : <p className="text-sm text-slate-700">No committed version yet.</p>}
      </Section>

      <Section
        id="timeline"
        title="Version timeline"
        description="Every version the sponsor committed, with the reason for each amendment and its transaction."
      >
        <ol className="flex flex-col gap-4 border-l-2 border-slate-300 pl-5" data-testid="version-timeline">
          {sorted.map((v) => (
            <li key={v.version} data-testid="timeline-version" data-version={v.version} data-chain-state={v.chainState} className="relative">
              <span aria-hidden="true" className="absolute top-1.5 -left-[1.65rem] h-3 w-3 rounded-full border-2 border-white bg-indigo-700" />
              <div className="flex flex-wrap items-center gap-2">
                <h3 className="font-semibold text-slate-900">Version {v.version}</h3>
                <Badge tone={PROTOCOL_CHAIN_STATE_TONE[v.chainState]}>{PROTOCOL_CHAIN_STATE_LABEL[v.chainState]}</Badge>
                <a className={`${linkStyles} text-xs`} href={`${base}/versions/${v.version}/envelope`}>
                  record (JSON)
                </a>
              </div>
              <p className="mt-1 text-sm text-slate-800" data-testid="timeline-reason">
                {v.version === 1 ? "Registration." : `Reason: ${v.reason ?? "—"}`}
              </p>
              <dl className="mt-2 grid gap-x-3 gap-y-1 text-xs sm:grid-cols-[9rem_1fr]">
                <dt className="font-medium text-slate-700">Leaf hash</dt>
                <dd className="font-mono break-all">{v.leafHash ?? "—"}</dd>
                <dt className="font-medium text-slate-700">Block</dt>
                <dd data-testid="timeline-block">{v.blockNumber ?? "—"}</dd>
                <dt className="font-medium text-slate-700">Block time</dt>
                <dd>
                  <UtcTime value={v.blockTimestamp} />
                </dd>
                <dt className="font-medium text-slate-700">Transaction</dt>
                <dd className="font-mono break-all" data-testid="timeline-tx">
                  {v.txHash ?? "—"}
                </dd>
                <dt className="font-medium text-slate-700">Log anchoring</dt>
                <dd data-testid="timeline-anchoring">
                  <AnchoringStatus value={v.anchoring} />
                </dd>
              </dl>
            </li>
          ))}
        </ol>
      </Section>

      {sorted.length > 1 ? (
        <Section id="diff" title="Differences between versions" description="Choose any two versions. Changed outcomes are highlighted.">
          <VersionDiff versions={sorted.map((v) => ({ version: v.version, protocol: v.protocol }))} />
        </Section>
      ) : null}

      <Section
        id="on-chain"
        title="On chain"
        description="The sponsor's transactions commit to the hash of each version's record. Verify recomputes those hashes here and reads the commitments from the chain."
      >
        <dl className="mb-4 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[12rem_1fr]">
          <dt className="font-medium text-slate-800">Chain</dt>
          <dd>{chain.chainId ?? "—"}</dd>
          <dt className="font-medium text-slate-800">TrialLedger</dt>
          <dd className="font-mono text-xs break-all">{chain.contract ?? "—"}</dd>
          <dt className="font-medium text-slate-800">On-chain trial id</dt>
          <dd className="font-mono text-xs break-all">{chain.chainTrialId}</dd>
          <dt className="font-medium text-slate-800">Sponsor wallet</dt>
          <dd className="font-mono text-xs break-all" data-testid="chain-sponsor">
            {chain.sponsor ?? "—"}
          </dd>
        </dl>
        <ProtocolVerifier
          publicId={trial.publicId}
          sponsor={chain.sponsor}
          fromBlock={fromBlock}
          versions={sorted.map((v) => claimOfPublishedVersion(v))}
          settings={{
            chainId: settings.chainId,
            rpcUrl: settings.rpcUrl,
            contract: settings.contract ?? chain.contract,
          }}
        />
      </Section>
    </>
  );
}
