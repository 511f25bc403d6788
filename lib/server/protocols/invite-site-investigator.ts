import "server-only";
import { and, eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { invitation, organization, trialSite } from "@/lib/db/schema";
import { env } from "@/lib/env";
import type { TInviteSiteInvestigatorRequest } from "@/lib/schemas/invitations";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import type { Viewer } from "@/lib/server/auth/viewer";
import { AppError } from "@/lib/server/errors/app-error";
import { newId, newToken } from "@/lib/server/ids";
import { hashInvitationToken } from "@/lib/server/invitations/create-invitation";
import { appendRecord } from "@/lib/server/log/append-records";
import { sponsorActor, sponsorTrialFor } from "./sponsor-trial-access";

/**
 * The sponsor brings a site into the trial by inviting its investigator: the site is added to the trial
 * (`trial.site_added`, unless it already takes part) and a one-time investigator invitation is created
 * (`auth.invitation_created` in the trial's log), in one transaction. The link is returned once; only its
 * hash is kept.
 */
export async function inviteSiteInvestigator(viewer: Viewer, trialId: string, request: TInviteSiteInvestigatorRequest) {
  const database = await db();
  const token = newToken();
  const id = newId("inv");
  const expiresAt = new Date(Date.now() + env().INVITATION_TTL_HOURS * 3600_000);
  const result = await database.transaction(async (tx) => {
    const row = await sponsorTrialFor(tx, viewer, trialId, { lock: true });
    const [site] = await tx.select().from(organization).where(eq(organization.id, request.siteOrgId));
    if (!site || site.kind !== "site") throw new AppError("UNPROCESSABLE", "That is not a site organization.", { siteOrgId: ["Choose a site organization"] });
    const [existing] = await tx.select().from(trialSite).where(and(eq(trialSite.trialId, trialId), eq(trialSite.siteOrgId, site.id)));
    let siteAdded = false;
    if (!existing) {
      const record = await appendRecord(tx, row.publicId, { kind: "trial.site_added", actor: sponsorActor(viewer), body: { siteId: site.id, name: site.name } });
      await tx.insert(trialSite).values({ trialId, siteOrgId: site.id, leafIndex: record.index, createdBy: viewer.userId });
      siteAdded = true;
    }
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
    await recordAuditEvent(tx, {
      kind: "auth.invitation_created",
      actorUserId: viewer.userId,
      actorRole: "sponsor_admin",
      trialId,
      body: { invitationId: id, role: "investigator", organizationId: site.id, expiresAt: expiresAt.toISOString() },
    });
    return { siteName: site.name, siteAdded };
  });
  return { id, path: `/invite/${token}`, expiresAt, ...result };
}
