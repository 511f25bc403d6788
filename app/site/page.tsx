import type { Metadata } from "next";
import { Suspense } from "react";
import { requirePageRole } from "@/lib/server/auth/guards";
import type { Viewer } from "@/lib/server/auth/viewer";
import { listSiteConsents } from "@/lib/server/consent/list-site-consents";
import { listSiteRoster } from "@/lib/server/sites/list-site-roster";
import { getVisitCompleteness } from "@/lib/server/outcomes/get-visit-completeness";
import { SiteConsents } from "@/components/site/consents/site-consents";
import { InviteParticipantForm } from "@/components/site/invite-participant-form";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { SectionSkeleton } from "@/components/ui/skeleton";
import { linkStyles } from "@/components/ui/styles";
import { EmptyState, Table, Td, Th } from "@/components/ui/table";
import { UtcTime } from "@/components/ui/utc-time";

export const metadata: Metadata = { title: "Site" };

export default async function SitePage() {
  const viewer = await requirePageRole(["investigator"], "/site");
  const sites = viewer.memberships.filter((m) => m.role === "investigator").map((m) => m.organizationName);

  return (
    <>
      <PageHeader title="Site workspace" description={`Investigator at ${sites.join(", ")}.`} />
      <a href="/site/questions" className="mb-6 block text-sm font-medium text-indigo-800 underline">
        Participants&apos; questions
      </a>
      <Suspense
        fallback={
          <Section id="roster" title="Roster">
            <SectionSkeleton label="Loading roster" />
          </Section>
        }
      >
        <Roster viewer={viewer} />
      </Suspense>
      <Suspense
        fallback={
          <Section id="consents" title="Consents">
            <SectionSkeleton label="Loading consents" />
          </Section>
        }
      >
        <Consents viewer={viewer} />
      </Suspense>
    </>
  );
}

function invitationState(inv: { status: string; expiresAt: Date }): {
  label: string;
  tone: "good" | "warn" | "bad" | "neutral";
} {
  if (inv.status === "accepted") return { label: "accepted", tone: "good" };
  if (inv.status === "revoked") return { label: "revoked", tone: "bad" };
  if (inv.expiresAt.getTime() <= Date.now()) return { label: "expired", tone: "neutral" };
  return { label: "pending", tone: "warn" };
}

async function Consents({ viewer }: { viewer: Viewer }) {
  const { participants, counts } = await listSiteConsents(viewer);
  return (
    <Section
      id="consents"
      title="Consents"
      description="Your participants' consent, by status. Countersign a signature after checking who signed; re-consent and withdrawals are shown as the participants record them."
    >
      <SiteConsents participants={participants} counts={counts} />
    </Section>
  );
}

async function Roster({ viewer }: { viewer: Viewer }) {
  const roster = await listSiteRoster(viewer);
  return (
    <>
      <Section
        id="invite"
        title="Invite a participant"
        description="Creates a one-time link for the participant to join one of your trials at your site. Participants need no wallet."
      >
        {roster.assignments.length === 0 ? (
          <EmptyState>You are not assigned to a trial yet. A trial&apos;s sponsor assigns you when they invite you to it.</EmptyState>
        ) : (
          <InviteParticipantForm assignments={roster.assignments} />
        )}
      </Section>
      <Section
        id="participants"
        title="Participants"
        description="Participants of the trials you are assigned to, known here only by their pseudonymous id."
      >
        {roster.participants.length === 0 ? (
          <EmptyState>No participants have joined yet.</EmptyState>
        ) : (
          <Table caption="Participants of your trials">
            <thead>
              <tr>
                <Th>Participant id</Th>
                <Th>Trial</Th>
                <Th>Enrolled at</Th>
                <Th>Outcomes</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200 bg-white">
              {roster.participants.map((p) => (
                <tr key={p.id} data-testid="participant-row">
                  <Td mono>{p.id}</Td>
                  <Td mono>{p.publicId}</Td>
                  <Td>
                    <UtcTime value={p.createdAt} />
                  </Td>
                  <Td>
                    <a
                      className={linkStyles}
                      href={`/site/participants/${encodeURIComponent(p.id)}/outcomes`}
                      data-testid="participant-outcomes-link"
                    >
                      Outcomes of {p.id}
                    </a>
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Section>
      {[...new Set(roster.assignments.map((a) => a.trialId))].map((trialId) => (
        <Suspense
          key={trialId}
          fallback={
            <Section id={`completeness-${trialId}`} title="Visit completeness">
              <SectionSkeleton label="Loading visit completeness" />
            </Section>
          }
        >
          <Completeness viewer={viewer} trialId={trialId} />
        </Suspense>
      ))}
      <Section id="invitations" title="Invitations" description="The latest participant invitations for the trials you are assigned to.">
        {roster.invitations.length === 0 ? (
          <EmptyState>No invitations sent yet.</EmptyState>
        ) : (
          <Table caption="Invitations for your trials">
            <thead>
              <tr>
                <Th>Email</Th>
                <Th>Trial</Th>
                <Th>Status</Th>
                <Th>Sent at</Th>
                <Th>Expires at</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200 bg-white">
              {roster.invitations.map((inv) => {
                const state = invitationState(inv);
                return (
                  <tr key={inv.id} data-testid="invitation-row">
                    <Td>{inv.email}</Td>
                    <Td mono>{inv.publicId}</Td>
                    <Td>
                      <Badge tone={state.tone}>{state.label}</Badge>
                    </Td>
                    <Td>
                      <UtcTime value={inv.createdAt} />
                    </Td>
                    <Td>
                      <UtcTime value={inv.expiresAt} />
                    </Td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
        )}
      </Section>
    </>
  );
}

/** Per visit of a trial's registered protocol: how many consented participants at each of your sites have every measure. */
async function Completeness({ viewer, trialId }: { viewer: Viewer; trialId: string }) {
  const summary = await getVisitCompleteness(viewer, { trialId });
  return (
    <Section
      id={`completeness-${trialId}`}
      title={`Visit completeness, ${summary.publicId}`}
      description="Of the participants who have consented, how many have every pre-specified measure recorded at each visit. Record values from a participant's outcomes page."
    >
      {summary.sites.every((site) => site.visits.length === 0) ? (
        <EmptyState>The registered protocol pre-specifies no visit yet.</EmptyState>
      ) : (
        summary.sites.map((site) => (
          <Table key={site.siteOrgId} caption={`Visit completeness of ${summary.publicId} at ${site.siteName}`} captionVisible>
            <thead>
              <tr>
                <Th>Visit</Th>
                <Th>Complete</Th>
                <Th>Partial</Th>
                <Th>Missing</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200 bg-white">
              {site.visits.map((v) => (
                <tr key={v.visit} data-testid="completeness-row">
                  <Td>{`${v.label} (${v.visit})`}</Td>
                  <Td>{`${v.complete} of ${site.participants}`}</Td>
                  <Td>{v.partial}</Td>
                  <Td>{v.missing}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        ))
      )}
    </Section>
  );
}
