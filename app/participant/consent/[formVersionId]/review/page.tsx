import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageRole } from "@/lib/server/auth/guards";
import { getMyConsentForm } from "@/lib/server/consent/get-my-consent-form";
import { Alert } from "@/components/ui/alert";
import { linkStyles } from "@/components/ui/styles";
import { choiceAnswersOf } from "@/components/participant/consent/choices-form";
import { ConsentDocument } from "@/components/participant/consent/consent-document";
import { ConsentJourney } from "@/components/participant/consent/consent-journey";
import { consentStepPath } from "@/components/participant/consent/consent-paths";
import { SignForm } from "@/components/participant/consent/sign-form";

export const metadata: Metadata = { title: "Review and sign" };

type Query = Record<string, string | string[] | undefined>;

/** Step 4: the complete document as it will be signed (form, choices, questions), the certification and the signature. */
export default async function ConsentReviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ formVersionId: string }>;
  searchParams: Promise<Query>;
}) {
  const { formVersionId } = await params;
  const viewer = await requirePageRole(["participant"], consentStepPath(formVersionId, "review"));
  const mine = await getMyConsentForm(viewer, formVersionId);
  if (!mine) notFound();
  const query = await searchParams;
  const answers = choiceAnswersOf(mine.form, query);
  const choices = mine.form.choices.flatMap((c) => (answers[c.id] === undefined ? [] : [{ id: c.id, accepted: answers[c.id]! }]));
  const complete = choices.length === mine.form.choices.length;
  const changeChoices = `${consentStepPath(mine.form.id, "choices")}?${new URLSearchParams(choices.map((c) => [c.id, c.accepted ? "accept" : "decline"]))}`;
  return (
    <ConsentJourney form={mine.form} status={mine.status} step="review">
      <ConsentDocument form={mine.form} choices={answers} />
      <p className="text-sm">
        <Link href={changeChoices} className={linkStyles}>
          Change my choices
        </Link>
      </p>
      {!mine.form.passed ? (
        <Alert tone="warning" title="Answer the questions first">
          <Link href={consentStepPath(mine.form.id, "check")} className="font-medium underline">
            Go to the questions about the form
          </Link>
        </Alert>
      ) : !complete ? (
        <Alert tone="warning" title="Answer each optional part first">
          <Link href={changeChoices} className="font-medium underline">
            Go to your choices
          </Link>
        </Alert>
      ) : (
        <section aria-labelledby="sign-heading" className="flex flex-col gap-4 rounded-lg border border-slate-300 bg-white p-4">
          <h2 id="sign-heading" className="text-lg font-semibold text-slate-900">
            Sign
          </h2>
          <SignForm form={mine.form} choices={choices} />
        </section>
      )}
    </ConsentJourney>
  );
}
