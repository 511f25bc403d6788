import type { Metadata } from "next";
import { requirePageRole } from "@/lib/server/auth/guards";
import { getMyParticipation } from "@/lib/server/participants/get-my-participation";
import { ConsentOverview } from "@/components/participant/consent/consent-overview";
import { Alert } from "@/components/ui/alert";
import { ComingSoon } from "@/components/ui/coming-soon";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { UtcTime } from "@/components/ui/utc-time";

export const metadata: Metadata = { title: "My record" };

export default async function ParticipantPage() {
  const viewer = await requirePageRole(["participant"], "/participant");
  const { record, consent } = await getMyParticipation(viewer);

  return (
    <>
      <PageHeader
        title="My record"
        description="Your trial data is filed under a pseudonymous participant id: your name and email are never written into the trial's records."
      />
      <Section id="record" title="Participation">
        {record ? (
          <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4" data-testid="participant-record">
            <div>
              <dt className="text-sm font-medium text-slate-700">Participant id</dt>
              <dd className="mt-1 font-mono text-sm break-all text-slate-900" data-testid="participant-id">
                {record.id}
              </dd>
            </div>
            <div>
              <dt className="text-sm font-medium text-slate-700">Trial</dt>
              <dd className="mt-1 text-sm text-slate-900" data-testid="participant-trial">
                <span className="font-mono">{record.trialPublicId}</span> · {record.trialTitle}
              </dd>
            </div>
            <div>
              <dt className="text-sm font-medium text-slate-700">Site</dt>
              <dd className="mt-1 text-sm text-slate-900">{record.siteName}</dd>
            </div>
            <div>
              <dt className="text-sm font-medium text-slate-700">Enrolled at</dt>
              <dd className="mt-1 text-sm text-slate-900">
                <UtcTime value={record.createdAt} />
              </dd>
            </div>
          </dl>
        ) : (
          <Alert tone="info">No participant record is linked to your account yet. Please contact your site.</Alert>
        )}
      </Section>
      {consent ? (
        <Section id="consent" title="Consent">
          <ConsentOverview consent={consent} />
        </Section>
      ) : null}
      <Section id="participant-soon" title="Access to your record">
        <ComingSoon
          id="participant-soon"
          features={[{ label: "Manage access", description: "See who accessed your record, and grant or revoke access." }]}
        />
      </Section>
    </>
  );
}
