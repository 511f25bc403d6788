import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageRole } from "@/lib/server/auth/guards";
import { getMyConsentForm } from "@/lib/server/consent/get-my-consent-form";
import { ConsentJourney } from "@/components/participant/consent/consent-journey";
import { consentStepPath } from "@/components/participant/consent/consent-paths";
import { FormReader } from "@/components/participant/consent/form-reader";

export const metadata: Metadata = { title: "Read the consent form" };

/** Step 1: the form section by section, resuming where the participant stopped. */
export default async function ReadConsentPage({ params }: { params: Promise<{ formVersionId: string }> }) {
  const { formVersionId } = await params;
  const viewer = await requirePageRole(["participant"], consentStepPath(formVersionId, "read"));
  const mine = await getMyConsentForm(viewer, formVersionId);
  if (!mine) notFound();
  return (
    <ConsentJourney form={mine.form} status={mine.status} step="read">
      <FormReader form={mine.form} />
    </ConsentJourney>
  );
}
