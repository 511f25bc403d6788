import type { Metadata } from "next";
import { requirePageRole } from "@/lib/server/auth/guards";
import { getConsentVersion } from "@/lib/server/consent/get-consent-version";
import { orDenyPage } from "@/lib/server/errors/or-deny-page";
import { ConsentDraftEditor } from "@/components/consent-forms/consent-draft-editor";
import { draftOf } from "@/components/consent-forms/consent-draft-data";
import { consentFormsPage, consentVersionPage } from "@/components/consent-forms/consent-urls";
import { NewVersionButton } from "@/components/consent-forms/new-version-button";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { linkStyles } from "@/components/ui/styles";
import { UtcTime } from "@/components/ui/utc-time";
import { CONSENT_FORM_STATE_LABEL, CONSENT_FORM_STATE_TONE } from "@/lib/vocabulary/consent-form-state";

export const metadata: Metadata = { title: "Consent form version" };

/**
 * One version of a consent form: a draft opens in the editor; an active version is shown read-only with its ethics
 * approval, and (when it is its form's latest) the way to start the next version.
 */
export default async function ConsentVersionPage({ params }: { params: Promise<{ trialId: string; formVersionId: string }> }) {
  const { trialId, formVersionId } = await params;
  const viewer = await requirePageRole(["sponsor_admin"], consentVersionPage(trialId, formVersionId));
  const view = await orDenyPage(getConsentVersion(viewer, { trialId, formVersionId }));
  const { version } = view;
  const active = version.state === "active";
  return (
    <>
      <PageHeader title={`${version.title} — version ${version.version}`} description={`${view.trial.title} (${view.trial.publicId})`}>
        <a className={linkStyles} href={consentFormsPage(trialId)}>
          All consent forms
        </a>
      </PageHeader>
      <div className="mb-6 flex flex-col gap-3">
        <p className="flex items-center gap-2 text-sm text-slate-800">
          State:{" "}
          <Badge tone={CONSENT_FORM_STATE_TONE[version.state]} testId="version-state">
            {CONSENT_FORM_STATE_LABEL[version.state]}
          </Badge>
        </p>
        {active ? (
          <Alert tone="info" title="This version is active and can never be edited" testId="active-read-only">
            Activated <UtcTime value={version.activatedAt} /> with the approval of {version.ethicsApproval?.committee} (reference{" "}
            {version.ethicsApproval?.reference}, {version.ethicsApproval?.approvalDate}). To change the form, make a new version.
            {view.isLatest ? (
              <span className="mt-2 block">
                <NewVersionButton trialId={trialId} fromVersionId={version.id} label="Make a new version" />
              </span>
            ) : null}
          </Alert>
        ) : null}
      </div>
      <ConsentDraftEditor
        trialId={trialId}
        formVersionId={version.id}
        version={version.version}
        initial={draftOf(version)}
        readOnly={active}
        protocolVersions={view.protocolVersions}
        sites={view.sites}
      />
    </>
  );
}
