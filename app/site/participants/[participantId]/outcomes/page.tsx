import type { Metadata } from "next";
import { requirePageRole } from "@/lib/server/auth/guards";
import { orDenyPage } from "@/lib/server/errors/or-deny-page";
import { listParticipantOutcomes } from "@/lib/server/outcomes/list-participant-outcomes";
import { OutcomeTimeline } from "@/components/site/outcomes/outcome-timeline";
import { RecordOutcomeForm } from "@/components/site/outcomes/record-outcome-form";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { linkStyles } from "@/components/ui/styles";
import { EmptyState } from "@/components/ui/table";
import { CONSENT_STATUS_LABEL, CONSENT_STATUS_TONE } from "@/lib/vocabulary/consent-status";

export const metadata: Metadata = { title: "Participant outcomes" };

/**
 * One participant's outcome data, for the investigators assigned to their trial at their site (404 for anyone else):
 * data entry per visit of the registered protocol, and the timeline of current values with their corrections.
 */
export default async function ParticipantOutcomesPage({ params }: { params: Promise<{ participantId: string }> }) {
  const { participantId } = await params;
  const viewer = await requirePageRole(["investigator"], `/site/participants/${encodeURIComponent(participantId)}/outcomes`);
  const outcomes = await orDenyPage(listParticipantOutcomes(viewer, { participantId }));
  const status = outcomes.consentStatus;
  return (
    <>
      <PageHeader
        title={`Outcomes of ${outcomes.participantId}`}
        description={`Trial ${outcomes.publicId}${outcomes.protocolVersion ? `, registered protocol version ${outcomes.protocolVersion}` : ""}. Values are recorded in the trial's log; a correction keeps the original.`}
      >
        <a className={linkStyles} href="/site#participants">
          Back to the site
        </a>
      </PageHeader>
      <div className="mb-6 flex flex-col gap-3">
        <p className="text-sm text-slate-900">
          Consent: <Badge tone={CONSENT_STATUS_TONE[status]}>{CONSENT_STATUS_LABEL[status]}</Badge>
        </p>
        {outcomes.recording.allowed ? null : (
          <Alert tone="warning" title="New values cannot be recorded now" testId="recording-blocked">
            {outcomes.recording.reason}
          </Alert>
        )}
      </div>
      <Section
        id="timeline"
        title="Timeline"
        description="Current values by observation time. Earlier values of a corrected data point are kept and shown struck through, with who changed them, when and why."
      >
        <OutcomeTimeline participantId={outcomes.participantId} timeline={outcomes.timeline} />
      </Section>
      {outcomes.visits.length === 0 || outcomes.measures.length === 0 ? (
        <Section id="visits" title="Visits">
          <EmptyState>The trial&apos;s registered protocol pre-specifies no recordable measure or visit yet.</EmptyState>
        </Section>
      ) : (
        outcomes.visits.map((visit) => {
          const open = outcomes.measures.filter((m) => !visit.values.find((v) => v.measure === m.code)?.current);
          return (
            <Section
              key={visit.code}
              id={`visit-${visit.code}`}
              title={`${visit.label} (${visit.code})`}
              description={`Day ${visit.dayOffset} from baseline, ± ${visit.windowDays} days. ${outcomes.measures.length - open.length} of ${outcomes.measures.length} measures recorded.`}
            >
              {open.length === 0 ? (
                <p className="text-sm text-slate-900">Every measure is recorded at this visit: correct a value in the timeline above.</p>
              ) : (
                // Shown even when recording is not allowed now: the server decides at the observation time, and its
                // refusal is shown in words next to the button.
                <RecordOutcomeForm participantId={outcomes.participantId} visit={visit.code} measures={open} />
              )}
            </Section>
          );
        })
      )}
    </>
  );
}
