import "server-only";
import { db } from "@/lib/db/client";
import { baselineOf, inVisitWindow } from "@/lib/protocols/visit-window";
import type { Viewer } from "@/lib/server/auth/viewer";
import { consentStateOf } from "@/lib/server/consent/consent-status-of";
import { notFound } from "@/lib/server/errors/app-error";
import { parseInput } from "@/lib/server/errors/parse-input";
import { ZParticipantOutcomesParamsSchema } from "@/lib/schemas/outcomes";
import { mayRecordData } from "@/lib/server/consent/may-record-data";
import { chainsOf, dataPointKey, ofParticipant, outcomeValuesWhere, recorderNamesOf, valueView, type OutcomeValueRow } from "./outcome-values";
import { participantInScope, registeredScheduleOf, requireInvestigator } from "./outcome-scope";

/**
 * One participant's outcomes, for the investigators assigned to their trial at their site: the registered protocol's
 * visits, each with every pre-specified measure and its current value (or none yet), and the timeline of current
 * values by observation time, each saying whether it fell in its visit's window. Says whether data may be recorded
 * now, and why not.
 */
export async function listParticipantOutcomes(viewer: Viewer, input: unknown) {
  const { participantId } = parseInput(ZParticipantOutcomesParamsSchema, input, "participant");
  requireInvestigator(viewer);
  const database = await db();
  const scope = await participantInScope(database, viewer, participantId);
  if (scope.denied) throw notFound("Participant");
  const schedule = await registeredScheduleOf(database, scope.who.trialId);
  const rows = await outcomeValuesWhere(database, ofParticipant(participantId));
  const chains = chainsOf(rows);
  const names = await recorderNamesOf(database, rows);
  const permission = await mayRecordData(database, participantId, new Date());
  const state = await consentStateOf(database, participantId);
  const visits = schedule?.visits ?? [];
  const latest = [...chains.values()].map((chain) => chain.at(-1)!);
  const baseline = baselineOf(
    visits,
    latest.map((v) => ({ visit: v.visit, observedAt: v.observedAt.toISOString() })),
  );
  const view = (chain: OutcomeValueRow[]) => {
    const last = chain.at(-1)!;
    const shown = valueView(last, names);
    return {
      ...shown,
      corrections: chain.length - 1,
      inWindow: inVisitWindow(
        visits.find((v) => v.code === last.visit),
        shown.observedAt,
        baseline,
      ),
    };
  };
  const current = (measure: string, visit: string) => {
    const chain = chains.get(dataPointKey({ participantId, measure, visit }));
    return chain ? view(chain) : null;
  };
  return {
    participantId,
    publicId: scope.trial.publicId,
    siteOrgId: scope.who.siteOrgId,
    consentStatus: state!.status,
    recording: permission.allowed ? { allowed: true as const } : { allowed: false as const, reason: permission.reason },
    protocolVersion: schedule?.version ?? null,
    measures: schedule?.measures ?? [],
    baseline: baseline?.toISOString() ?? null,
    visits: visits.map((v) => ({
      ...v,
      values: (schedule?.measures ?? []).map((m) => ({ measure: m.code, current: current(m.code, v.code) })),
    })),
    timeline: [...chains.values()]
      .map((chain) => ({ measure: chain[0]!.measure, visit: chain[0]!.visit, ...view(chain) }))
      .sort((a, b) => a.observedAt.localeCompare(b.observedAt) || a.measure.localeCompare(b.measure)),
  };
}
