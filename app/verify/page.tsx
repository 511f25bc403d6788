import type { Metadata } from "next";
import { publicVerifierSettings } from "@/lib/server/verification/public-verifier-settings";
import { ReceiptVerifier } from "@/components/verify/receipt-verifier";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";

export const metadata: Metadata = { title: "Verify" };

/** Public: anyone can verify a receipt. The check runs in the browser against the chain, not this portal. */
export default function VerifyPage() {
  const settings = publicVerifierSettings();
  return (
    <>
      <PageHeader
        title="Verify a record"
        description="Verification runs entirely in your browser: it checks the proof itself and reads the checkpoint from the chain, so you do not have to trust this portal."
      />
      <Section id="verify-receipt" title="Verify a receipt" description="A receipt proves that one record is in a trial's log as anchored on chain.">
        <ReceiptVerifier settings={settings} />
      </Section>
    </>
  );
}
