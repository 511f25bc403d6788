import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { outcomeValue } from "@/lib/db/schema";
import { viewerActor } from "@/lib/server/audit/actor";
import { recordDomainChange } from "@/lib/server/audit/record-domain-change";
import type { Viewer } from "@/lib/server/auth/viewer";
import { mayRecordData } from "@/lib/server/consent/may-record-data";
import { AppError } from "@/lib/server/errors/app-error";
import { parseInput } from "@/lib/server/errors/parse-input";
import { ZRecordOutcomeRequestSchema } from "@/lib/schemas/outcomes";
import { checkMeasurement } from "./check-measurement";
import { storeOutcomeValue } from "./outcome-values";
import { auditRefusal, participantInScope, refusalError, registeredScheduleOf, requireInvestigator, type Refusal } from "./outcome-scope";

/**
 * An investigator records one value of a data point (participant, measure, visit) against the trial's registered
 * protocol, only under valid consent (docs/outcomes.md#the-consent-gate). In one transaction: the scope check, the
 * protocol check (422), the consent gate, then the `outcome.recorded` record and its outcome_value row. A refusal of
 * scope or consent is audited (access.denied) and answered 404 / 409 with nothing else written. A data point already
 * recorded answers 409: a value is changed only by a correction.
 */
export async function recordOutcome(viewer: Viewer, input: unknown) {
  const request = parseInput(ZRecordOutcomeRequestSchema, input, "outcome");
  requireInvestigator(viewer);
  const database = await db();
  const result = await database.transaction(async (tx) => {
    const scope = await participantInScope(tx, viewer, request.participantId, { lock: true });
    const refuse = async (refusal: Refusal) => {
      await auditRefusal(tx, viewer, scope, request, refusal);
      return { refused: refusal } as const;
    };
    if (scope.denied) return refuse({ code: "not_assigned", message: "Participant not found." });
    const schedule = await registeredScheduleOf(tx, scope.who.trialId);
    checkMeasurement(schedule, request);
    const permission = await mayRecordData(tx, scope.who.id, new Date(request.observedAt));
    if (!permission.allowed) {
      // "no_participant" cannot happen here: the participant's row is locked above.
      return refuse({ code: permission.code === "no_participant" ? "not_consented" : permission.code, message: permission.reason });
    }
    const [existing] = await tx
      .select({ id: outcomeValue.id })
      .from(outcomeValue)
      .where(
        and(
          eq(outcomeValue.participantId, scope.who.id),
          eq(outcomeValue.measure, request.measure),
          eq(outcomeValue.visit, request.visit),
          isNull(outcomeValue.correctsId),
        ),
      );
    if (existing) {
      throw new AppError("CONFLICT", `${request.measure} at ${request.visit} is already recorded for this participant: correct the value instead.`);
    }
    const { participantId: _, source, ...body } = request;
    const record = await recordDomainChange(tx, viewerActor(viewer, "investigator", scope.who.siteOrgId), {
      kind: "outcome.recorded",
      trial: scope.trial,
      subject: scope.who.id,
      body,
      details: { siteOrgId: scope.who.siteOrgId, source, protocolVersion: schedule!.version },
    });
    const version = schedule!.version;
    const id = await storeOutcomeValue(tx, {
      who: scope.who,
      protocolVersion: version,
      measurement: body,
      source,
      recordedBy: viewer.userId,
      record,
    });
    return { recorded: { valueId: id, ...body, source, protocolVersion: version, leafIndex: record.index, leafHash: record.leafHash } };
  });
  if ("refused" in result) throw refusalError(result.refused);
  return result.recorded;
}
