import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageRole } from "@/lib/server/auth/guards";
import { getMyConsentForm } from "@/lib/server/consent/get-my-consent-form";
import { Alert } from "@/components/ui/alert";
import { choiceAnswersOf, ChoicesForm } from "@/components/participant/consent/choices-form";
import { ConsentJourney } from "@/components/participant/consent/consent-journey";
import { consentStepPath } from "@/components/participant/consent/consent-paths";

export const metadata: Metadata = { title: "Your choices" };

type Query = Record<string, string | string[] | undefined>;

/** Step 3: accept or decline each optional part of the study (kept in the address until the signature). */
export default async function ConsentChoicesPage({
  params,
  searchParams,
}: {
  params: Promise<{ formVersionId: string }>;
  searchParams: Promise<Query>;
}) {
  const { formVersionId } = await params;
  const viewer = await requirePageRole(["participant"], consentStepPath(formVersionId, "choices"));
  const mine = await getMyConsentForm(viewer, formVersionId);
  if (!mine) notFound();
  return (
    <ConsentJourney form={mine.form} status={mine.status} step="choices">
      {mine.form.passed ? (
        <ChoicesForm form={mine.form} given={choiceAnswersOf(mine.form, await searchParams)} />
      ) : (
        <Alert tone="warning" title="Answer the questions first">
          <Link href={consentStepPath(mine.form.id, "check")} className="font-medium underline">
            Go to the questions about the form
          </Link>
        </Alert>
      )}
    </ConsentJourney>
  );
}
