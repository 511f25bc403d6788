import "server-only";
import { and, eq } from "drizzle-orm";
import type { Tx } from "@/lib/db/client";
import { organization, trialSite } from "@/lib/db/schema";
import type { AuditActor } from "@/lib/server/audit/actor";
import { recordDomainChange } from "@/lib/server/audit/record-domain-change";
import { AppError } from "@/lib/server/errors/app-error";
import type { TrialRow } from "./sponsor-trial-access";

/**
 * The step shared by "add a site" and "invite a site investigator": checks that the organization is a site and,
 * unless it already takes part, adds it to the trial (`trial.site_added` and the trial_site row) in the caller's
 * transaction. `added` is null when the site already took part.
 */
export async function joinTrialSite(tx: Tx, actor: AuditActor, row: TrialRow, siteOrgId: string, createdBy: string) {
  const [site] = await tx.select().from(organization).where(eq(organization.id, siteOrgId));
  if (!site || site.kind !== "site")
    throw new AppError("UNPROCESSABLE", "That is not a site organization.", {
      siteOrgId: ["Choose a site organization"],
    });
  const [existing] = await tx
    .select()
    .from(trialSite)
    .where(and(eq(trialSite.trialId, row.id), eq(trialSite.siteOrgId, site.id)));
  if (existing) return { site, added: null };
  const record = await recordDomainChange(tx, actor, { kind: "trial.site_added", trial: row, body: { siteId: site.id, name: site.name } });
  await tx.insert(trialSite).values({ trialId: row.id, siteOrgId: site.id, leafIndex: record.index, createdBy });
  return { site, added: record };
}
