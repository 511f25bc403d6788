import type { TVerifyLink } from "@/lib/schemas/verify-link";
import { Section } from "@/components/ui/section";

/** The record a /verify link names, and where its receipt is: attached to the PDF copy, or downloadable when signed in. */
export function LinkedRecord({ named }: { named: TVerifyLink }) {
  const receiptUrl = `/api/logs/${encodeURIComponent(named.log)}/records/${named.index}/receipt`;
  return (
    <Section
      id="linked-record"
      title="The record this link names"
      description="The link carries no proof: verify it with the receipt attached to your copy (receipt.json in the PDF's attachments) or downloaded below."
    >
      <dl className="grid gap-2 text-sm sm:grid-cols-[10rem_1fr]" data-testid="linked-record">
        <dt className="font-medium text-slate-800">Log</dt>
        <dd className="font-mono">{named.log}</dd>
        <dt className="font-medium text-slate-800">Record</dt>
        <dd>#{named.index}</dd>
        <dt className="font-medium text-slate-800">Leaf hash</dt>
        <dd className="font-mono text-xs break-all">{named.leaf}</dd>
      </dl>
      <p className="mt-3 text-sm">
        <a className="font-medium text-blue-800 underline" href={receiptUrl}>
          Download this record&apos;s receipt
        </a>{" "}
        (for the participant it is about and the trial&apos;s auditors, signed in).
      </p>
    </Section>
  );
}
