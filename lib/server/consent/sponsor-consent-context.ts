import "server-only";
import { asc, eq } from "drizzle-orm";
import type { Database, Tx } from "@/lib/db/client";
import { organization, protocolVersion, trialSite } from "@/lib/db/schema";
import type { TrialRow } from "@/lib/server/protocols/sponsor-trial-access";

/**
 * What the sponsor's consent pages show around the versions: the trial, its sites (an activation chooses among them,
 * and the list names them) and its protocol versions (a draft names the one it was written for).
 */
export async function sponsorConsentContext(database: Tx | Database, trial: TrialRow) {
  const sites = await database
    .select({ id: trialSite.siteOrgId, name: organization.name })
    .from(trialSite)
    .innerJoin(organization, eq(organization.id, trialSite.siteOrgId))
    .where(eq(trialSite.trialId, trial.id))
    .orderBy(asc(organization.name));
  const protocols = await database
    .select({ version: protocolVersion.version })
    .from(protocolVersion)
    .where(eq(protocolVersion.trialId, trial.id))
    .orderBy(asc(protocolVersion.version));
  return {
    trial: { id: trial.id, publicId: trial.publicId, title: trial.title },
    sites,
    protocolVersions: protocols.map((p) => p.version),
  };
}
