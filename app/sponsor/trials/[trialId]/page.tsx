import type { Metadata } from "next";
import { forbidden, notFound } from "next/navigation";
import { requirePageRole } from "@/lib/server/auth/guards";
import { AppError } from "@/lib/server/errors/app-error";
import { getSponsorTrial } from "@/lib/server/protocols/get-sponsor-trial";
import { listAssignableParties } from "@/lib/server/protocols/list-assignable-parties";
import { TrialEditor } from "@/components/protocols/trial-editor";
import type { SponsorTrialView } from "@/components/protocols/types";
import { PageHeader } from "@/components/ui/page-header";
import { linkStyles } from "@/components/ui/styles";

export const metadata: Metadata = { title: "Trial protocol" };

/**
 * A sponsor's trial: the protocol draft, registration and amendments from the sponsor's wallet, status, sites and
 * regulators. getSponsorTrial decides whether this viewer administers the trial (403 / 404 otherwise); the editor
 * then keeps itself current through the same use case's API route.
 */
export default async function SponsorTrialPage({ params }: { params: Promise<{ trialId: string }> }) {
  const { trialId } = await params;
  const viewer = await requirePageRole(["sponsor_admin"], `/sponsor/trials/${encodeURIComponent(trialId)}`);
  let initial: SponsorTrialView;
  try {
    initial = (await getSponsorTrial(viewer, trialId)) as unknown as SponsorTrialView;
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    if (error instanceof AppError && error.code === "FORBIDDEN") forbidden();
    throw error;
  }
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
        <a className={linkStyles} href="/sponsor">
          All trials
        </a>
      </PageHeader>
      <TrialEditor trialId={trialId} initial={JSON.parse(JSON.stringify(initial)) as SponsorTrialView} choices={choices} />
    </>
  );
}
