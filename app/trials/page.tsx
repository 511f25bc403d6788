import type { Metadata } from "next";
import { ComingSoon } from "@/components/ui/coming-soon";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";

export const metadata: Metadata = { title: "Trial registry" };

export default function TrialRegistryPage() {
  return (
    <>
      <PageHeader
        title="Public trial registry"
        description="The public registry will list registered trials with their protocol versions and the on-chain checkpoints of their logs. It is not available yet."
      />
      <Section id="registry-soon" title="What the registry will show">
        <ComingSoon
          id="registry-soon"
          features={[
            { label: "Browse trials", description: "Search registered trials by id, sponsor or status." },
            { label: "Protocol history", description: "See every protocol version and amendment with its reason and hash." },
          ]}
        />
      </Section>
    </>
  );
}
