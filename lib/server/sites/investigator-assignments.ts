import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { organization, trial, trialSiteInvestigator } from "@/lib/db/schema";
import type { Database, Tx } from "@/lib/db/client";
import type { Viewer } from "@/lib/server/auth/viewer";

export interface InvestigatorAssignment {
  trialId: string;
  publicId: string;
  title: string;
  siteOrgId: string;
  siteName: string;
}

/**
 * The (trial, site) pairs an investigator works on: their trial_site_investigator assignments at the sites where they
 * still hold the investigator role. This is the whole of an investigator's reach: holding the role at a site
 * organization gives no access to the other trials held there, which may belong to other sponsors.
 */
export async function investigatorAssignmentsOf(tx: Tx | Database, viewer: Viewer): Promise<InvestigatorAssignment[]> {
  const sites = viewer.memberships.filter((m) => m.role === "investigator" && m.organizationKind === "site").map((m) => m.organizationId);
  if (sites.length === 0) return [];
  return tx
    .select({
      trialId: trialSiteInvestigator.trialId,
      publicId: trial.publicId,
      title: trial.title,
      siteOrgId: trialSiteInvestigator.siteOrgId,
      siteName: organization.name,
    })
    .from(trialSiteInvestigator)
    .innerJoin(trial, eq(trial.id, trialSiteInvestigator.trialId))
    .innerJoin(organization, eq(organization.id, trialSiteInvestigator.siteOrgId))
    .where(and(eq(trialSiteInvestigator.userId, viewer.userId), inArray(trialSiteInvestigator.siteOrgId, sites)))
    .orderBy(asc(trial.publicId), asc(organization.name));
}
