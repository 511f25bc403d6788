import type { Metadata } from "next";
import { forbidden, notFound } from "next/navigation";
import { requirePageRole } from "@/lib/server/auth/guards";
import { AppError } from "@/lib/server/errors/app-error";
import { getSponsorTrial } from "@/lib/server/protocols/get-sponsor-trial";
import { listAssignableParties } from "@/lib/server/protocols/list-assignable-parties";
import { AnchoringAlarmBanner } from "@/components/protocols/anchoring-alarm-banner";
import { TrialEditor } from "@/components/protocols/trial-editor";
import { PageHeader } from "@/components/ui/page-header";
import { linkStyles } from "@/components/ui/styles";

export const metadata: Metadata = { title: "Trial protocol" };

/** 404 / 403 pages for what getSponsorTrial refuses; anything else is unexpected. */
async function sponsorTrialOrDeny(...args: Parameters<typeof getSponsorTrial>) {
  try {
    return await getSponsorTrial(...args);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    if (error instanceof AppError && error.code === "FORBIDDEN") forbidden();
    throw error;
  }
}

/**
 * A sponsor's trial: the protocol draft, registration and amendments from the sponsor's wallet, status, sites and
 * regulators. getSponsorTrial decides whether this viewer administers the trial (403 / 404 otherwise) and returns
 * plain JSON values, which the editor receives as they are and then keeps current through the same use case's API
 * route.
 */
export default async function SponsorTrialPage({ params }: { params: Promise<{ trialId: string }> }) {
  const { trialId } = await params;
  const viewer = await requirePageRole(["sponsor_admin"], `/sponsor/trials/${encodeURIComponent(trialId)}`);
  const initial = await sponsorTrialOrDeny(viewer, trialId);
  const parties = await listAssignableParties(viewer);
  const choices = {
    sites: parties.sites.map((s) => ({ value: s.id, label: s.name })),
    regulators: parties.regulators.map((r) => ({ value: r.userId, label: `${r.name} (${r.organizationName})` })),
  };
  return (
    <>
      <PageHeader
        title={initial.trial.title}
        description="Register the protocol from your own wallet; amend it later with a reason. Every version is public once signed."
      >
        <a className={linkStyles} href={`/sponsor/trials/${encodeURIComponent(trialId)}/consent-forms`} data-testid="consent-forms-link">
          Consent forms
        </a>
        <a className={linkStyles} href="/sponsor">
          All trials
        </a>
      </PageHeader>
      <AnchoringAlarmBanner viewer={viewer} trialId={trialId} />
      <TrialEditor trialId={trialId} initial={initial} choices={choices} />
    </>
  );
}
