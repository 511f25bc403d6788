import type { Metadata } from "next";
import { queryObjectOf } from "@/lib/schemas/query";
import { ZVerifyLinkQuerySchema } from "@/lib/schemas/verify-link";
import { publicVerifierSettings } from "@/lib/server/verification/public-verifier-settings";
import { ReceiptVerifier } from "@/components/verify/receipt-verifier";
import { LinkedRecord } from "@/components/verify/linked-record";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";

export const metadata: Metadata = { title: "Verify" };

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * Public: anyone can verify a receipt. The check runs in the browser against the chain, not this portal. A link from a
 * consent copy's QR code names the record (log, index, leaf hash); a receipt for any other record is then refused.
 */
export default async function VerifyPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const settings = publicVerifierSettings();
  const linked = ZVerifyLinkQuerySchema.safeParse(queryObjectOf(await searchParams));
  const named = linked.success ? linked.data : undefined;
  return (
    <>
      <PageHeader
        title="Verify a record"
        description="Verification runs entirely in your browser: it checks the proof itself and reads the checkpoint from the chain, so you do not have to trust this portal."
      />
      {named ? <LinkedRecord named={named} /> : null}
      <Section id="verify-receipt" title="Verify a receipt" description="A receipt proves that one record is in a trial's log as anchored on chain.">
        <ReceiptVerifier settings={settings} named={named} />
      </Section>
    </>
  );
}
