import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageRole } from "@/lib/server/auth/guards";
import { getMyConsentForm } from "@/lib/server/consent/get-my-consent-form";
import { ConsentJourney } from "@/components/participant/consent/consent-journey";
import { consentStepPath } from "@/components/participant/consent/consent-paths";
import { KnowledgeCheck } from "@/components/participant/consent/knowledge-check";

export const metadata: Metadata = { title: "Questions about the consent form" };

/** Step 2: the knowledge check, as many attempts as needed. */
export default async function ConsentCheckPage({ params }: { params: Promise<{ formVersionId: string }> }) {
  const { formVersionId } = await params;
  const viewer = await requirePageRole(["participant"], consentStepPath(formVersionId, "check"));
  const mine = await getMyConsentForm(viewer, formVersionId);
  if (!mine) notFound();
  return (
    <ConsentJourney form={mine.form} status={mine.status} step="check">
      <p className="text-base text-slate-800">
        A few questions to check the form was clear. You need {mine.form.passMark} of {mine.form.questions.length} right to continue, and you can try
        again as often as you like.
      </p>
      <KnowledgeCheck form={mine.form} />
    </ConsentJourney>
  );
}
