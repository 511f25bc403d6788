import type { Metadata } from "next";
import { Suspense } from "react";
import { requirePageRole } from "@/lib/server/auth/guards";
import type { Viewer } from "@/lib/server/auth/viewer";
import { listSponsorTrials } from "@/lib/server/trials/list-sponsor-trials";
import { Badge } from "@/components/ui/badge";
import { trialStatusLabel, trialStatusTone } from "@/lib/vocabulary/trial-status";
import { NewTrialForm } from "@/components/protocols/new-trial-form";
import { linkStyles } from "@/components/ui/styles";
import { PageHeader } from "@/components/ui/page-header";
import { SectionSkeleton } from "@/components/ui/skeleton";
import { Section } from "@/components/ui/section";
import { EmptyState, Table, Td, Th } from "@/components/ui/table";
import { UtcTime } from "@/components/ui/utc-time";

export const metadata: Metadata = { title: "Sponsor" };

export default async function SponsorPage() {
  const viewer = await requirePageRole(["sponsor_admin"], "/sponsor");
  const organizations = viewer.memberships.filter((m) => m.role === "sponsor_admin").map((m) => m.organizationName);

  return (
    <>
      <PageHeader title="Sponsor workspace" description={`Trials of ${organizations.join(", ")}.`} />
      <Section
        id="new-trial"
        title="New trial"
        description="Start a protocol draft. Drafts are private; you register the protocol from your own wallet when it is complete."
      >
        <NewTrialForm />
      </Section>
      <Section id="trials" title="Trials" description="Every trial your organization registered, newest first.">
        <Suspense fallback={<SectionSkeleton label="Loading trials" />}>
          <TrialsTable viewer={viewer} />
        </Suspense>
      </Section>
    </>
  );
}

async function TrialsTable({ viewer }: { viewer: Viewer }) {
  const trials = await listSponsorTrials(viewer);
  if (trials.length === 0) return <EmptyState>No trials yet. Start one above.</EmptyState>;
  return (
    <Table caption="Trials of your organization">
      <thead>
        <tr>
          <Th>Public id</Th>
          <Th>Title</Th>
          <Th>Status</Th>
          <Th>Created at</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-200 bg-white">
        {trials.map((trial) => (
          <tr key={trial.id} data-testid="trial-row">
            <Td mono>{trial.publicId}</Td>
            <Td>
              <a className={linkStyles} href={`/sponsor/trials/${encodeURIComponent(trial.id)}`} data-testid="trial-edit-link">
                {trial.title}
              </a>
            </Td>
            <Td>
              <Badge tone={trialStatusTone(trial.status)}>{trialStatusLabel(trial.status)}</Badge>
            </Td>
            <Td>
              <UtcTime value={trial.createdAt} />
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
