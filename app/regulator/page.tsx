import type { Metadata } from "next";
import { requirePageRole } from "@/lib/server/auth/guards";
import { ComingSoon } from "@/components/ui/coming-soon";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { EmptyState } from "@/components/ui/table";

export const metadata: Metadata = { title: "Regulator" };

export default async function RegulatorPage() {
  const viewer = await requirePageRole(["regulator"], "/regulator");
  const agencies = viewer.memberships.filter((m) => m.role === "regulator").map((m) => m.organizationName);

  return (
    <>
      <PageHeader title="Regulator workspace" description={`Read-only audit for ${agencies.join(", ")}.`} />
      <Section id="assigned" title="Assigned trials">
        <EmptyState>No trials are assigned to you yet. Sponsors will be able to assign trials for audit.</EmptyState>
      </Section>
      <Section id="regulator-soon" title="Audit and verification">
        <ComingSoon
          id="regulator-soon"
          features={[
            { label: "Audit trial", description: "Read a trial's full log, record by record, with each record's verdict." },
            { label: "Verify against the chain", description: "Check the trial's log in your browser against the checkpoints on chain." },
            { label: "Export audit package", description: "Download the audit bundle for verification with independent tools." },
          ]}
        />
      </Section>
    </>
  );
}
