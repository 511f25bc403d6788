import type { Metadata } from "next";
import { requirePageRole } from "@/lib/server/auth/guards";
import { getConsentFormsOverview } from "@/lib/server/consent/get-consent-forms-overview";
import { orDenyPage } from "@/lib/server/errors/or-deny-page";
import { ConsentDraftEditor } from "@/components/consent-forms/consent-draft-editor";
import { emptyDraft } from "@/components/consent-forms/consent-draft-data";
import { consentFormsPage } from "@/components/consent-forms/consent-urls";
import { PageHeader } from "@/components/ui/page-header";
import { linkStyles } from "@/components/ui/styles";

export const metadata: Metadata = { title: "New consent form" };

/** A new consent form of the trial (e.g. in another language): its version 1, created as a draft on first save. */
export default async function NewConsentFormPage({ params }: { params: Promise<{ trialId: string }> }) {
  const { trialId } = await params;
  const viewer = await requirePageRole(["sponsor_admin"], `${consentFormsPage(trialId)}/new`);
  const overview = await orDenyPage(getConsentFormsOverview(viewer, { trialId }));
  return (
    <>
      <PageHeader title="New consent form" description={`${overview.trial.title} (${overview.trial.publicId})`}>
        <a className={linkStyles} href={consentFormsPage(trialId)}>
          All consent forms
        </a>
      </PageHeader>
      <ConsentDraftEditor
        trialId={trialId}
        formVersionId={null}
        version={1}
        initial={emptyDraft(overview.protocolVersions.at(-1) ?? 1)}
        readOnly={false}
        protocolVersions={overview.protocolVersions}
        sites={overview.sites}
      />
    </>
  );
}
