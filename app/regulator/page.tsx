import type { Metadata } from "next";
import { Suspense } from "react";
import { requirePageRole } from "@/lib/server/auth/guards";
import type { Viewer } from "@/lib/server/auth/viewer";
import { listAssignedTrials } from "@/lib/server/regulators/list-assigned-trials";
import { trialStatusLabel, trialStatusTone } from "@/lib/vocabulary/trial-status";
import { AnchoringAlarmBanner } from "@/components/protocols/anchoring-alarm-banner";
import { Badge } from "@/components/ui/badge";
import { ComingSoon } from "@/components/ui/coming-soon";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { SectionSkeleton } from "@/components/ui/skeleton";
import { linkStyles } from "@/components/ui/styles";
import { EmptyState, Table, Td, Th } from "@/components/ui/table";
import { UtcTime } from "@/components/ui/utc-time";

export const metadata: Metadata = { title: "Regulator" };

export default async function RegulatorPage() {
  const viewer = await requirePageRole(["regulator"], "/regulator");
  const agencies = viewer.memberships.filter((m) => m.role === "regulator").map((m) => m.organizationName);

  return (
    <>
      <PageHeader title="Regulator workspace" description={`Read-only audit for ${agencies.join(", ")}.`} />
      <AnchoringAlarmBanner viewer={viewer} />
      <Section
        id="assigned"
        title="Assigned trials"
        description="Registered trials whose sponsors assigned you for audit. You can read these trials' logs, and only these."
      >
        <Suspense fallback={<SectionSkeleton label="Loading assigned trials" />}>
          <AssignedTrials viewer={viewer} />
        </Suspense>
      </Section>
      <Section id="regulator-soon" title="Audit and verification">
        <ComingSoon
          id="regulator-soon"
          features={[
            {
              label: "Audit trial",
              description: "Read a trial's full log, record by record, with each record's verdict.",
            },
            {
              label: "Verify against the chain",
              description: "Check the trial's log in your browser against the checkpoints on chain.",
            },
          ]}
        />
      </Section>
    </>
  );
}

async function AssignedTrials({ viewer }: { viewer: Viewer }) {
  const trials = await listAssignedTrials(viewer);
  if (trials.length === 0)
    return <EmptyState>No registered trials are assigned to you yet. A trial&apos;s sponsor assigns its regulators.</EmptyState>;
  return (
    <Table caption="Trials assigned to you">
      <thead>
        <tr>
          <Th>Public id</Th>
          <Th>Title</Th>
          <Th>Status</Th>
          <Th>Assigned at</Th>
          <Th>Audit bundle</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-200 bg-white">
        {trials.map((trial) => (
          <tr key={trial.publicId} data-testid="assigned-trial-row">
            <Td mono>{trial.publicId}</Td>
            <Td>
              <a className={linkStyles} href={`/trials/${encodeURIComponent(trial.publicId)}`}>
                {trial.title}
              </a>
            </Td>
            <Td>
              <Badge tone={trialStatusTone(trial.status)}>{trialStatusLabel(trial.status)}</Badge>
            </Td>
            <Td>
              <UtcTime value={trial.assignedAt} />
            </Td>
            <Td>
              <a
                className={linkStyles}
                href={`/api/logs/${encodeURIComponent(trial.publicId)}/bundle`}
                download
                aria-label={`Download the audit bundle of ${trial.publicId}`}
                data-testid="assigned-trial-bundle"
              >
                Download
              </a>
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
