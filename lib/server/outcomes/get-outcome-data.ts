import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { organization, outcomeValue, participant, trial, trialSite } from "@/lib/db/schema";
import type { Viewer } from "@/lib/server/auth/viewer";
import { consentStatesOf } from "@/lib/server/consent/consent-status-of";
import { notFound } from "@/lib/server/errors/app-error";
import { parseInput } from "@/lib/server/errors/parse-input";
import { sponsorOrgsOf } from "@/lib/server/protocols/sponsor-trial-access";
import { ZTrialOutcomesParamsSchema } from "@/lib/schemas/outcomes";
import { completenessBySite } from "./completeness";
import { chainsOf, outcomeValuesWhere } from "./outcome-values";
import { registeredScheduleOf } from "./outcome-scope";

/**
 * A trial's outcome data for its sponsor admins, pseudonymous (participants by ppt_ id, no recorder names): the
 * current value of every data point with its number of corrections, and completeness per site and visit. Any other
 * viewer gets the 404 of a trial that does not exist.
 */
export async function getOutcomeData(viewer: Viewer, input: unknown) {
  const { trialId } = parseInput(ZTrialOutcomesParamsSchema, input, "trial");
  const database = await db();
  const [row] = await database.select().from(trial).where(eq(trial.id, trialId));
  if (!row || !sponsorOrgsOf(viewer).includes(row.sponsorOrgId)) throw notFound("Trial");
  const schedule = (await registeredScheduleOf(database, trialId)) ?? { version: null, measures: [], visits: [] };
  const sites = await database
    .select({ siteOrgId: trialSite.siteOrgId, name: organization.name })
    .from(trialSite)
    .innerJoin(organization, eq(organization.id, trialSite.siteOrgId))
    .where(eq(trialSite.trialId, trialId));
  const people = await database.select().from(participant).where(eq(participant.trialId, trialId));
  const states = await consentStatesOf(database, people);
  const chains = chainsOf(await outcomeValuesWhere(database, eq(outcomeValue.trialId, trialId)));
  const bySite = completenessBySite(
    schedule,
    sites.map((s) => s.siteOrgId),
    people.map((p) => ({ id: p.id, siteOrgId: p.siteOrgId, consented: !!states.get(p.id)?.consentedAt })),
    new Set(chains.keys()),
  );
  return {
    trialId,
    publicId: row.publicId,
    protocolVersion: schedule.version,
    measures: schedule.measures,
    visits: schedule.visits,
    sites: bySite.map((b, i) => ({ ...b, siteName: sites[i]!.name })),
    values: [...chains.values()].map((chain) => {
      const current = chain.at(-1)!;
      return {
        participantId: current.participantId,
        siteOrgId: current.siteOrgId,
        measure: current.measure,
        visit: current.visit,
        value: current.value,
        unit: current.unit,
        observedAt: current.observedAt.toISOString(),
        corrections: chain.length - 1,
        protocolVersion: current.protocolVersion,
        leafIndex: current.leafIndex,
      };
    }),
  };
}
