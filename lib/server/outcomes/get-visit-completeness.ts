import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { outcomeValue, participant } from "@/lib/db/schema";
import type { Viewer } from "@/lib/server/auth/viewer";
import { consentStatesOf } from "@/lib/server/consent/consent-status-of";
import { notFound } from "@/lib/server/errors/app-error";
import { parseInput } from "@/lib/server/errors/parse-input";
import { investigatorAssignmentsOf } from "@/lib/server/sites/investigator-assignments";
import { ZTrialOutcomesParamsSchema } from "@/lib/schemas/outcomes";
import { completenessBySite } from "./completeness";
import { dataPointKey } from "./outcome-values";
import { registeredScheduleOf, requireInvestigator } from "./outcome-scope";

/**
 * Visit completeness at the investigator's own sites of one trial (docs/outcomes.md#completeness): per site and
 * visit, how many consented participants have every pre-specified measure recorded. A trial the investigator is not
 * assigned to is a 404.
 */
export async function getVisitCompleteness(viewer: Viewer, input: unknown) {
  const { trialId } = parseInput(ZTrialOutcomesParamsSchema, input, "trial");
  requireInvestigator(viewer);
  const database = await db();
  const sites = (await investigatorAssignmentsOf(database, viewer)).filter((a) => a.trialId === trialId);
  if (sites.length === 0) throw notFound("Trial");
  const siteIds = sites.map((s) => s.siteOrgId);
  const schedule = (await registeredScheduleOf(database, trialId)) ?? { version: null, measures: [], visits: [] };
  const people = await database
    .select()
    .from(participant)
    .where(and(eq(participant.trialId, trialId), inArray(participant.siteOrgId, siteIds)));
  const states = await consentStatesOf(database, people);
  const points = await database
    .selectDistinct({ participantId: outcomeValue.participantId, measure: outcomeValue.measure, visit: outcomeValue.visit })
    .from(outcomeValue)
    .where(and(eq(outcomeValue.trialId, trialId), inArray(outcomeValue.siteOrgId, siteIds)));
  const bySite = completenessBySite(
    schedule,
    siteIds,
    people.map((p) => ({ id: p.id, siteOrgId: p.siteOrgId, consented: !!states.get(p.id)?.consentedAt })),
    new Set(points.map(dataPointKey)),
  );
  return {
    trialId,
    publicId: sites[0]!.publicId,
    protocolVersion: schedule.version,
    measures: schedule.measures.map((m) => m.code),
    sites: bySite.map((b, i) => ({ ...b, siteName: sites[i]!.siteName })),
  };
}
