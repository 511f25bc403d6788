import type { Metadata } from "next";
import { ComingSoon } from "@/components/ui/coming-soon";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";

export const metadata: Metadata = { title: "Verify" };

export default function VerifyPage() {
  return (
    <>
      <PageHeader
        title="Verify a record"
        description="Verification will run entirely in your browser: it reads the checkpoint from the chain itself, so you do not have to trust this portal. It is not available yet."
      />
      <Section id="verify-soon" title="What you will be able to verify">
        <ComingSoon
          id="verify-soon"
          features={[
            { label: "Verify a receipt", description: "Check a consent or record receipt against the trial's checkpoint on chain." },
            { label: "Verify a protocol", description: "Check that a protocol document matches the version its sponsor registered." },
            { label: "Verify an audit bundle", description: "Check every record of a trial's audit bundle and see a verdict for each." },
          ]}
        />
      </Section>
    </>
  );
}
