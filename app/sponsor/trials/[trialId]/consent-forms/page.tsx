import type { Metadata } from "next";
import { requirePageRole } from "@/lib/server/auth/guards";
import { getConsentFormsOverview } from "@/lib/server/consent/get-consent-forms-overview";
import { orDenyPage } from "@/lib/server/errors/or-deny-page";
import { consentFormsPage } from "@/components/consent-forms/consent-urls";
import { VersionsTable } from "@/components/consent-forms/versions-table";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { buttonStyles, linkStyles } from "@/components/ui/styles";

export const metadata: Metadata = { title: "Consent forms" };

/**
 * A trial's consent forms, every version: drafts to edit, active versions with their ethics approval, sites and the
 * number of participants who signed each. getConsentFormsOverview decides who may see it (403 / 404 otherwise).
 */
export default async function ConsentFormsPage({
  params,
  searchParams,
}: {
  params: Promise<{ trialId: string }>;
  searchParams: Promise<{ activated?: string | string[] }>;
}) {
  const { trialId } = await params;
  const viewer = await requirePageRole(["sponsor_admin"], consentFormsPage(trialId));
  const overview = await orDenyPage(getConsentFormsOverview(viewer, { trialId }));
  const activatedId = (await searchParams).activated;
  const activated = overview.versions.find((v) => v.id === activatedId && v.state === "active");
  return (
    <>
      <PageHeader
        title="Consent forms"
        description={`${overview.trial.title} (${overview.trial.publicId}). Drafts are private; an active version is approved, logged and never edited again.`}
      >
        <a className={linkStyles} href={`/sponsor/trials/${encodeURIComponent(trialId)}`}>
          Back to the trial
        </a>
      </PageHeader>
      {activated ? (
        <div className="mb-6">
          <Alert tone="success" title={`Version ${activated.version} of “${activated.title}” is active`} testId="activation-done">
            It is recorded in the trial&apos;s log with its ethics approval; participants at its sites sign it from now on.
          </Alert>
        </div>
      ) : null}
      <Section
        id="consent-versions"
        title="Versions"
        actions={
          <a className={buttonStyles.secondary} href={`${consentFormsPage(trialId)}/new`} data-testid="new-consent-form">
            New form
          </a>
        }
      >
        <VersionsTable overview={overview} />
      </Section>
    </>
  );
}
