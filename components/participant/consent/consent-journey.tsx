import Link from "next/link";
import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { buttonStyles } from "@/components/ui/styles";
import type { MyConsentForm, MyConsentFormsResult } from "@/lib/api/results";
import type { ConsentStep } from "./consent-paths";
import { ConsentSteps } from "./consent-steps";
import { PrivatePlaceReminder } from "./private-place-reminder";
import { ServerInstant } from "./server-instant";

/**
 * The frame of every signing page: the form's title, the step the participant is at, the reminder to read in private,
 * and, instead of the step, a plain answer when there is nothing left to do (this version is signed, or the
 * participant has withdrawn).
 */
export function ConsentJourney({
  form,
  status,
  step,
  children,
}: {
  form: MyConsentForm;
  status: MyConsentFormsResult["status"];
  step: ConsentStep;
  children: ReactNode;
}) {
  const back = (
    <p className="mt-4">
      <Link href="/participant" className={buttonStyles.secondary}>
        Back to my record
      </Link>
    </p>
  );
  return (
    <div className="mx-auto flex max-w-2xl flex-col">
      <PageHeader title={form.title} description={`Consent form, version ${form.version}`} />
      <ConsentSteps current={step} />
      {form.signedAt ? (
        <Alert tone="success" title="You have signed this version" testId="already-signed">
          Signed <ServerInstant value={form.signedAt} />.{back}
        </Alert>
      ) : status === "withdrawn" ? (
        <Alert tone="info" title="You have withdrawn from this study">
          Contact your site if you would like to take part again.{back}
        </Alert>
      ) : (
        <div className="flex flex-col gap-6">
          <PrivatePlaceReminder />
          {children}
        </div>
      )}
    </div>
  );
}
