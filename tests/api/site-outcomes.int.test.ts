// The site's outcome routes, attacked through the exported handlers with real sessions: a participant cannot call
// them (403), an investigator of another site gets the 404 of a participant that does not exist, a bad field is a
// 422 naming it, a participant without valid consent is a 409 in words, and a correction keeps the original value.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as participantRoute } from "@/app/api/site/outcomes/participants/[participantId]/route";
import { POST as recordRoute } from "@/app/api/site/outcomes/route";
import { POST as correctRoute } from "@/app/api/site/outcomes/corrections/route";
import { GET as historyRoute } from "@/app/api/site/outcomes/history/route";
import { GET as completenessRoute } from "@/app/api/site/outcomes/completeness/[trialId]/route";
import { DEMO_PERSONAS } from "@/lib/db/seed/demo-data";
import type {
  CorrectedOutcomeResult,
  OutcomeHistoryResult,
  ParticipantOutcomesResult,
  RecordedOutcomeResult,
  VisitCompletenessResult,
} from "@/lib/api/results";
import {
  confirmProtocol,
  consentWorldForThisFile,
  FORM,
  INVESTIGATOR,
  measurement,
  outcomeCounts,
  P1,
  P2,
  PASSWORD,
  TRIAL,
} from "@/lib/server/outcomes/outcomes.test-helper";
import { countersignConsent } from "@/lib/server/consent/countersign-consent";
import { DEMO_CHOICES, RIGHT_ANSWERS } from "@/lib/server/consent/consent.test-helper";
import { signConsent } from "@/lib/server/consent/sign-consent";
import { submitKnowledgeCheck } from "@/lib/server/consent/submit-knowledge-check";
import { viewerFor } from "@/lib/testing/viewer";
import { callRoute, cookieOf, fieldsOf, type ErrorBody } from "./route-calls.test-helper";

const world = consentWorldForThisFile();
const emailOf = (key: string) => DEMO_PERSONAS.find((p) => p.key === key)!.email;
const cookies = { investigator: "", other: "", participant: "" };
type Who = keyof typeof cookies;
const record = (who: Who, over: Record<string, unknown> = {}) =>
  callRoute(recordRoute, "/api/site/outcomes", cookies[who], { body: measurement(over) });
const correct = (who: Who, body: Record<string, unknown>) => callRoute(correctRoute, "/api/site/outcomes/corrections", cookies[who], { body });
const outcomesOf = (who: Who, participantId: string) =>
  callRoute(participantRoute, `/api/site/outcomes/participants/${participantId}`, cookies[who], { params: { participantId } });
const historyPath = (participantId: string, measure = "systolic_bp", visit = "baseline") =>
  `/api/site/outcomes/history?participantId=${participantId}&measure=${measure}&visit=${visit}`;
const completeness = (who: Who, trialId: string) =>
  callRoute(completenessRoute, `/api/site/outcomes/completeness/${trialId}`, cookies[who], { params: { trialId } });

beforeAll(async () => {
  await confirmProtocol(world.database);
  // Pat signs the demo form and the investigator countersigns: data may be recorded for P1, not for P2.
  const pat = await viewerFor(world.database, "usr_demoparticipant1");
  await submitKnowledgeCheck(pat, { formVersionId: FORM, answers: RIGHT_ANSWERS });
  const signed = await signConsent(pat, {
    formVersionId: FORM,
    choices: DEMO_CHOICES,
    printedName: "Pat Participant",
    password: PASSWORD,
    email: emailOf("participant1"),
  });
  await countersignConsent(await viewerFor(world.database, INVESTIGATOR), {
    signatureId: signed.signatureId,
    identityCheck: "in_person_id",
    printedName: "Ivan Investigator",
    password: PASSWORD,
    email: emailOf("investigator"),
  });
  cookies.investigator = await cookieOf(emailOf("investigator"), PASSWORD);
  cookies.other = await cookieOf("usr_otherinv@example.test", PASSWORD);
  cookies.participant = await cookieOf(emailOf("participant1"), PASSWORD);
});

describe("/api/site/outcomes/…", () => {
  it("refuses a participant (403) on every route, writing nothing", async () => {
    const before = await outcomeCounts(world.database);
    expect((await record("participant")).status).toBe(403);
    expect((await correct("participant", { correctsId: "ov_abcd1234", value: "1", unit: "mm[Hg]", reason: "unit_error" })).status).toBe(403);
    expect((await outcomesOf("participant", P1)).status).toBe(403);
    expect((await callRoute(historyRoute, historyPath(P1), cookies.participant)).status).toBe(403);
    expect((await completeness("participant", TRIAL.id)).status).toBe(403);
    expect(await outcomeCounts(world.database)).toEqual(before);
  });

  it("answers an investigator of another site as if the participant did not exist (404)", async () => {
    const before = await outcomeCounts(world.database);
    expect((await record("other")).status).toBe(404);
    expect((await outcomesOf("other", P1)).status).toBe(404);
    // The refusal to record is audited (one access.denied record), nothing else is written.
    expect((await outcomeCounts(world.database)).values).toBe(before.values);
  });

  it("names the field of a 422: a number instead of a decimal string, an unknown source, an unknown measure", async () => {
    const before = await outcomeCounts(world.database);
    const number = await record("investigator", { value: 148 });
    expect(number.status).toBe(422);
    expect(await fieldsOf(number)).toEqual(["value"]);
    expect(await fieldsOf(await record("investigator", { source: "guess" }))).toEqual(["source"]);
    const measure = await record("investigator", { measure: "heart_rate", unit: "/min" });
    expect(measure.status).toBe(422);
    expect(await fieldsOf(measure)).toEqual(["measure"]);
    expect(await fieldsOf(await record("investigator", { observedAt: "yesterday" }))).toEqual(["observedAt"]);
    expect(await outcomeCounts(world.database)).toEqual(before);
  });

  it("refuses a participant without consent (409, in words)", async () => {
    const res = await record("investigator", { participantId: P2 });
    expect(res.status).toBe(409);
    expect(((await res.json()) as ErrorBody).error.message).toMatch(/has not signed/);
  });

  it("records, corrects with a reason and keeps the original in the history", async () => {
    const res = await record("investigator", { value: "148" });
    expect(res.status).toBe(200);
    const recorded = (await res.json()) as RecordedOutcomeResult;
    expect(recorded).toMatchObject({ measure: "systolic_bp", visit: "baseline", value: "148", unit: "mm[Hg]", source: "crf" });
    expect((await record("investigator", { value: "150" })).status).toBe(409);

    const noText = await correct("investigator", { correctsId: recorded.valueId, value: "138", unit: "mm[Hg]", reason: "other" });
    expect(noText.status).toBe(422);
    expect(await fieldsOf(noText)).toEqual(["reasonText"]);
    const fixed = await correct("investigator", { correctsId: recorded.valueId, value: "138", unit: "mm[Hg]", reason: "transcription_error" });
    expect(fixed.status).toBe(200);
    const corrected = (await fixed.json()) as CorrectedOutcomeResult;
    expect(corrected).toMatchObject({ correctsId: recorded.valueId, value: "138", reason: "Transcription error" });
    const again = await correct("investigator", { correctsId: recorded.valueId, value: "139", unit: "mm[Hg]", reason: "unit_error" });
    expect(again.status).toBe(409);

    const history = (await (await callRoute(historyRoute, historyPath(P1), cookies.investigator)).json()) as OutcomeHistoryResult;
    expect(history.values.map((v) => [v.valueId, v.value, v.reasonLabel])).toEqual([
      [recorded.valueId, "148", null],
      [corrected.valueId, "138", "Transcription error"],
    ]);
    expect(history.current.valueId).toBe(corrected.valueId);
    expect(history.values[0]!.recordedBy.name).toBe("Ivan Investigator");
    expect((await callRoute(historyRoute, historyPath(P1), cookies.other)).status).toBe(404);
    const badQuery = await callRoute(historyRoute, historyPath(P1, "systolic_bp", "Week 1!"), cookies.investigator);
    expect(badQuery.status).toBe(422);
    expect(await fieldsOf(badQuery)).toEqual(["visit"]);

    const mine = (await (await outcomesOf("investigator", P1)).json()) as ParticipantOutcomesResult;
    expect(mine.recording.allowed).toBe(true);
    expect(mine.timeline.map((t) => [t.measure, t.visit, t.value, t.corrections])).toEqual([["systolic_bp", "baseline", "138", 1]]);
  });

  it("counts visit completeness at the investigator's own site", async () => {
    const res = await completeness("investigator", TRIAL.id);
    expect(res.status).toBe(200);
    const summary = (await res.json()) as VisitCompletenessResult;
    const baseline = summary.sites[0]!.visits.find((v) => v.visit === "baseline")!;
    expect([summary.sites.length, summary.sites[0]!.participants, baseline.partial]).toEqual([1, 1, 1]);
    expect((await completeness("participant", TRIAL.id)).status).toBe(403);
    expect((await completeness("investigator", "tri_doesnotexist")).status).toBe(404);
  });
});
