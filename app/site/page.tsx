import type { Metadata } from "next";
import { Suspense } from "react";
import { requirePageRole } from "@/lib/server/auth/guards";
import type { Viewer } from "@/lib/server/auth/viewer";
import { listSiteConsents } from "@/lib/server/consent/list-site-consents";
import { listSiteRoster } from "@/lib/server/sites/list-site-roster";
import { SiteConsents } from "@/components/site/consents/site-consents";
import { InviteParticipantForm } from "@/components/site/invite-participant-form";
import { Badge } from "@/components/ui/badge";
import { ComingSoon } from "@/components/ui/coming-soon";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { SectionSkeleton } from "@/components/ui/skeleton";
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
      <Section id="site-soon" title="Outcomes">
        <ComingSoon
          id="site-soon"
          features={[
            { label: "Record outcome", description: "Record an outcome measurement, with its unit, in the trial log." },
            {
              label: "Correct outcome",
              description: "Correct a recorded measurement with a reason; the original stays in the log.",
            },
          ]}
        />
      </Section>
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
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Section>
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
