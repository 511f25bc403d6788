import "server-only";
import { db } from "@/lib/db/client";
import { invitation } from "@/lib/db/schema";
import { env } from "@/lib/env";
import type { TInviteSiteInvestigatorRequest } from "@/lib/schemas/invitations";
import { recordRoleOf } from "@/lib/server/audit/actor";
import { recordDomainChange } from "@/lib/server/audit/record-domain-change";
import type { Viewer } from "@/lib/server/auth/viewer";
import { newId, newToken } from "@/lib/server/ids";
import { hashInvitationToken } from "@/lib/server/invitations/create-invitation";
import { joinTrialSite } from "./join-trial-site";
import { sponsorActor, sponsorTrialFor } from "./sponsor-trial-access";

/**
 * The sponsor brings a site into the trial by inviting its investigator: the site is added to the trial
 * (`trial.site_added`, unless it already takes part) and a one-time investigator invitation is created
 * (`auth.invitation_created` in the trial's log), in one transaction. The link is returned once; only its
 * hash is kept.
 *
 * Only the trial's own sponsor admins may invite (sponsorTrialFor), and what the invitation grants is scoped to this
 * trial: accepting it assigns the investigator to this trial at this site (trial_site_investigator) and to nothing
 * else. A site organization may hold other sponsors' trials; their rosters and invitations stay out of reach.
 */
export async function inviteSiteInvestigator(viewer: Viewer, trialId: string, request: TInviteSiteInvestigatorRequest) {
  const database = await db();
  const token = newToken();
  const id = newId("inv");
  const expiresAt = new Date(Date.now() + env().INVITATION_TTL_HOURS * 3600_000);
  const result = await database.transaction(async (tx) => {
    const row = await sponsorTrialFor(tx, viewer, trialId, { lock: true });
    const actor = sponsorActor(viewer, row);
    const { site, added } = await joinTrialSite(tx, actor, row, request.siteOrgId, viewer.userId);
    const siteAdded = added !== null;
    await tx.insert(invitation).values({
      id,
      tokenHash: hashInvitationToken(token),
      email: request.email.toLowerCase(),
      role: "investigator",
      organizationId: site.id,
      trialId,
      invitedBy: viewer.userId,
      expiresAt,
    });
    await recordDomainChange(tx, actor, {
      kind: "auth.invitation_created",
      trial: row,
      body: { invitationId: id, role: recordRoleOf("investigator"), expiresAt: expiresAt.toISOString() },
      details: { role: "investigator", organizationId: site.id },
    });
    return { siteName: site.name, siteAdded };
  });
  return { id, path: `/invite/${token}`, expiresAt, ...result };
}
