import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { outcomeValue } from "@/lib/db/schema";
import { viewerActor } from "@/lib/server/audit/actor";
import { recordDomainChange } from "@/lib/server/audit/record-domain-change";
import type { Viewer } from "@/lib/server/auth/viewer";
import { consentStateOf } from "@/lib/server/consent/consent-status-of";
import { AppError, notFound } from "@/lib/server/errors/app-error";
import { parseInput } from "@/lib/server/errors/parse-input";
import { ZCorrectOutcomeRequestSchema } from "@/lib/schemas/outcomes";
import { correctionReasonText } from "@/lib/vocabulary/correction-reason";
import { checkMeasurement } from "./check-measurement";
import { storeOutcomeValue } from "./outcome-values";
import { auditRefusal, participantInScope, refusalError, registeredScheduleOf, requireInvestigator, type Refusal } from "./outcome-scope";

/**
 * A correction of the current value of a data point (docs/outcomes.md#corrections): a new `outcome.corrected` record
 * pointing at the record it corrects, with a reason from the list (and the investigator's words for "other"), and a
 * new outcome_value row; the corrected row is never touched. Only the current value is corrected (409 otherwise), so
 * a data point's values form one chain. The value is checked against the protocol like a new one.
 *
 * The consent gate differs from recording: data collected under valid consent is kept and may be corrected after a
 * withdrawal (FDA, "Data Retention When Subjects Withdraw", 2008), but a correction cannot move an observation to
 * before the consent or after the withdrawal. Refusals are audited as for recording.
 */
export async function correctOutcome(viewer: Viewer, input: unknown) {
  const request = parseInput(ZCorrectOutcomeRequestSchema, input, "correction");
  requireInvestigator(viewer);
  const database = await db();
  const result = await database.transaction(async (tx) => {
    const [original] = await tx.select().from(outcomeValue).where(eq(outcomeValue.id, request.correctsId));
    if (!original) throw notFound("Outcome value");
    const scope = await participantInScope(tx, viewer, original.participantId, { lock: true });
    const point = { measure: original.measure, visit: original.visit };
    const refuse = async (refusal: Refusal) => {
      await auditRefusal(tx, viewer, scope, point, refusal);
      return { refused: refusal } as const;
    };
    if (scope.denied) return refuse({ code: "not_assigned", message: "Participant not found." });
    const [later] = await tx.select({ id: outcomeValue.id }).from(outcomeValue).where(eq(outcomeValue.correctsId, original.id));
    if (later) throw new AppError("CONFLICT", "This value has been corrected already: correct its current value.");
    const observedAt = request.observedAt ?? original.observedAt.toISOString();
    const schedule = await registeredScheduleOf(tx, scope.who.trialId);
    checkMeasurement(schedule, { ...point, value: request.value, unit: request.unit, observedAt });
    const state = await consentStateOf(tx, scope.who.id);
    if (!state?.consentedAt || new Date(observedAt) < state.consentedAt) {
      return refuse({ code: "observed_before_consent", message: `The observation (${observedAt}) precedes the participant's consent.` });
    }
    if (state.withdrawal && new Date(observedAt) >= state.withdrawal.withdrawnAt) {
      return refuse({
        code: "consent_withdrawn",
        message: `The observation (${observedAt}) is after the participant withdrew (${state.withdrawal.withdrawnAt.toISOString()}).`,
      });
    }
    const reason = correctionReasonText(request.reason, request.reasonText);
    const body = { ...point, value: request.value, unit: request.unit, observedAt };
    const record = await recordDomainChange(tx, viewerActor(viewer, "investigator", scope.who.siteOrgId), {
      kind: "outcome.corrected",
      trial: scope.trial,
      subject: scope.who.id,
      body: { corrects: { index: original.leafIndex, leafHash: original.leafHash }, ...body, reason },
      details: { siteOrgId: scope.who.siteOrgId, correctsId: original.id, reasonCode: request.reason },
    });
    const id = await storeOutcomeValue(tx, {
      who: scope.who,
      protocolVersion: schedule!.version,
      measurement: body,
      source: original.source,
      correction: { correctsId: original.id, reason: request.reason, reasonText: request.reasonText ?? null },
      recordedBy: viewer.userId,
      record,
    });
    return { corrected: { valueId: id, correctsId: original.id, ...body, reason, leafIndex: record.index, leafHash: record.leafHash } };
  });
  if ("refused" in result) throw refusalError(result.refused);
  return result.corrected;
}
