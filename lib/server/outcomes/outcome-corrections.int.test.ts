// Corrections and the views of outcome data, attacked: a correction never edits the value it corrects, only the
// current value is corrected, "other" needs words, another site's investigator cannot correct or read, history comes
// in order with who, when and why, and a withdrawal keeps earlier data correctable but nothing past it.
import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { outcomeValue } from "@/lib/db/schema";
import { viewerFor } from "@/lib/testing/viewer";
import { withdrawConsent } from "@/lib/server/consent/withdraw-consent";
import { correctOutcome } from "./correct-outcome";
import { getOutcomeData } from "./get-outcome-data";
import { getOutcomeHistory } from "./get-outcome-history";
import { getVisitCompleteness } from "./get-visit-completeness";
import { listParticipantOutcomes } from "./list-participant-outcomes";
import {
  confirmProtocol,
  consentAndCountersign,
  consentWorldForThisFile,
  envelopeAt,
  errorOf,
  INVESTIGATOR,
  lastAuditRow,
  measurement,
  OTHER_SITE,
  outcomeCounts,
  P1,
  PASSWORD,
  TRIAL,
} from "./outcomes.test-helper";
import { recordOutcome } from "./record-outcome";

const world = consentWorldForThisFile();
const as = (userId: string) => viewerFor(world.database, userId);
const POINT = { participantId: P1, measure: "systolic_bp", visit: "baseline" };
let original: Awaited<ReturnType<typeof recordOutcome>>;
let first: Awaited<ReturnType<typeof correctOutcome>>;

beforeAll(async () => {
  await confirmProtocol(world.database);
  await consentAndCountersign(world.database, "usr_demoparticipant1", "Pat Participant");
  original = await recordOutcome(await as(INVESTIGATOR), measurement({ value: "184" }));
});

describe("a correction", () => {
  it("is a new record pointing at the one it corrects, with the reason; the original row is untouched", async () => {
    first = await correctOutcome(await as(INVESTIGATOR), {
      correctsId: original.valueId,
      value: "148",
      unit: "mm[Hg]",
      reason: "transcription_error",
    });
    expect(await envelopeAt(world.database, first.leafIndex)).toMatchObject({
      kind: "outcome.corrected",
      subject: P1,
      body: {
        corrects: { index: original.leafIndex, leafHash: original.leafHash },
        measure: "systolic_bp",
        visit: "baseline",
        value: "148",
        unit: "mm[Hg]",
        observedAt: original.observedAt,
        reason: "Transcription error",
      },
    });
    const [kept] = await world.database.select().from(outcomeValue).where(eq(outcomeValue.id, original.valueId));
    expect(kept).toMatchObject({ value: "184", correctsId: null, reason: null, leafHash: original.leafHash });
    expect((await envelopeAt(world.database, original.leafIndex)).body).toMatchObject({ value: "184" });
  });

  it("refuses to correct a value that is no longer current, an unlisted reason, and 'other' without words, writing nothing", async () => {
    const before = await outcomeCounts(world.database);
    const stale = await errorOf(
      correctOutcome(await as(INVESTIGATOR), { correctsId: original.valueId, value: "149", unit: "mm[Hg]", reason: "unit_error" }),
    );
    expect([stale?.code, stale?.message]).toEqual(["CONFLICT", expect.stringMatching(/corrected already/)]);
    const unlisted = await errorOf(
      correctOutcome(await as(INVESTIGATOR), { correctsId: first.valueId, value: "149", unit: "mm[Hg]", reason: "typo" }),
    );
    expect(Object.keys(unlisted!.fieldErrors!)).toEqual(["reason"]);
    const other = await errorOf(correctOutcome(await as(INVESTIGATOR), { correctsId: first.valueId, value: "149", unit: "mm[Hg]", reason: "other" }));
    expect(other?.fieldErrors).toEqual({ reasonText: ["Say what was wrong when the reason is other."] });
    const unit = await errorOf(
      correctOutcome(await as(INVESTIGATOR), { correctsId: first.valueId, value: "19.7", unit: "kPa", reason: "unit_error" }),
    );
    expect(Object.keys(unit!.fieldErrors!)).toEqual(["unit"]);
    expect(await outcomeCounts(world.database)).toEqual(before);
  });

  it("is refused to an investigator of another site with a 404, and the attempt is audited", async () => {
    const before = await outcomeCounts(world.database);
    const request = { correctsId: first.valueId, value: "150", unit: "mm[Hg]", reason: "entered_in_error" };
    expect((await errorOf(correctOutcome(await as("usr_otherinv"), request)))?.code).toBe("NOT_FOUND");
    expect(await lastAuditRow(world.database)).toMatchObject({ kind: "access.denied", actorUserId: "usr_otherinv", subject: P1 });
    expect(await outcomeCounts(world.database)).toEqual({ ...before, log: before.log + 1, audit: before.audit + 1 });
  });
});

describe("the history of a data point", () => {
  it("lists every value in order, original first and the current value last, with who, when and why", async () => {
    const second = await correctOutcome(await as(INVESTIGATOR), {
      correctsId: first.valueId,
      value: "146",
      unit: "mm[Hg]",
      reason: "other",
      reasonText: "Re-read from the device printout",
    });
    const history = await getOutcomeHistory(await as(INVESTIGATOR), POINT);
    expect(history.values.map((v) => [v.value, v.reason, v.reasonText, v.correctsId])).toEqual([
      ["184", null, null, null],
      ["148", "transcription_error", null, original.valueId],
      ["146", "other", "Re-read from the device printout", first.valueId],
    ]);
    expect(history.current.valueId).toBe(second.valueId);
    expect(history.values.every((v) => v.recordedBy.name === "Ivan Investigator" && v.recordedAt <= history.current.recordedAt)).toBe(true);
    expect((await envelopeAt(world.database, second.leafIndex)).body).toMatchObject({ reason: "Other: Re-read from the device printout" });

    const sponsorView = await getOutcomeHistory(await as("usr_demosponsor"), POINT);
    expect(sponsorView.values.map((v) => [v.value, v.recordedBy])).toEqual(
      history.values.map((v) => [v.value, { userId: INVESTIGATOR, name: null }]),
    );
    expect((await errorOf(getOutcomeHistory(await as("usr_otherinv"), POINT)))?.code).toBe("NOT_FOUND");
    expect((await errorOf(getOutcomeHistory(await as("usr_demoparticipant2"), POINT)))?.code).toBe("NOT_FOUND");
    expect((await errorOf(getOutcomeHistory(await as(INVESTIGATOR), { ...POINT, visit: "week_4" })))?.code).toBe("NOT_FOUND");
  });
});

describe("views of outcome data", () => {
  it("shows the site a participant's visits and timeline, and completeness per visit", async () => {
    let completeness = await getVisitCompleteness(await as(INVESTIGATOR), { trialId: TRIAL.id });
    expect(completeness.sites.map((s) => [s.siteName, s.participants, s.visits[0]])).toEqual([
      ["Riverside Clinical Research Site", 1, { visit: "baseline", label: "Baseline", complete: 0, partial: 1, missing: 0 }],
    ]);
    await recordOutcome(await as(INVESTIGATOR), measurement({ measure: "diastolic_bp", value: "92" }));
    completeness = await getVisitCompleteness(await as(INVESTIGATOR), { trialId: TRIAL.id });
    expect(completeness.sites[0]!.visits.map((v) => [v.visit, v.complete, v.partial, v.missing])).toEqual([
      ["baseline", 1, 0, 0],
      ["week_4", 0, 0, 1],
      ["week_8", 0, 0, 1],
      ["week_12", 0, 0, 1],
    ]);

    const mine = await listParticipantOutcomes(await as(INVESTIGATOR), { participantId: P1 });
    expect(mine).toMatchObject({ consentStatus: "countersigned", recording: { allowed: true }, protocolVersion: 1 });
    expect(mine.visits[0]!.values.map((v) => [v.measure, v.current?.value, v.current?.corrections])).toEqual([
      ["systolic_bp", "146", 2],
      ["diastolic_bp", "92", 0],
    ]);
    // The baseline visit sets the participant's day 0, and both values are within its window.
    expect(mine.baseline).toBe(original.observedAt);
    expect(mine.visits[0]!.values.map((v) => v.current?.inWindow)).toEqual([true, true]);
    expect(mine.timeline.map((t) => [t.measure, t.value])).toEqual([
      ["systolic_bp", "146"],
      ["diastolic_bp", "92"],
    ]);
    expect((await errorOf(listParticipantOutcomes(await as("usr_otherinv"), { participantId: P1 })))?.code).toBe("NOT_FOUND");
    expect((await errorOf(getVisitCompleteness(await as("usr_demosponsor"), { trialId: TRIAL.id })))?.code).toBe("FORBIDDEN");
  });

  it("gives the sponsor pseudonymous data with completeness per site and visit; no one else", async () => {
    const data = await getOutcomeData(await as("usr_demosponsor"), { trialId: TRIAL.id });
    expect(data.measures.map((m) => m.code)).toEqual(["systolic_bp", "diastolic_bp"]);
    expect(data.values.map((v) => [v.participantId, v.measure, v.visit, v.value, v.corrections])).toEqual([
      [P1, "systolic_bp", "baseline", "146", 2],
      [P1, "diastolic_bp", "baseline", "92", 0],
    ]);
    expect(JSON.stringify(data)).not.toMatch(/Ivan|Pat Participant|@/);
    expect(data.sites.map((s) => [s.siteOrgId, s.participants, s.visits[0]!.complete])).toEqual(
      expect.arrayContaining([
        ["org_demosite", 1, 1],
        [OTHER_SITE, 0, 0],
      ]),
    );
    for (const who of [INVESTIGATOR, "usr_demoparticipant1", "usr_demoregulator"]) {
      expect((await errorOf(getOutcomeData(await as(who), { trialId: TRIAL.id })))?.code).toBe("NOT_FOUND");
    }
  });
});

describe("after a withdrawal from data collection", () => {
  it("earlier values stay correctable, but a correction cannot move an observation past the withdrawal", async () => {
    await withdrawConsent(await as("usr_demoparticipant1"), {
      scope: "data_collection",
      password: PASSWORD,
      email: "participant1@demo.trialproof.test",
    });
    const diastolic = (await listParticipantOutcomes(await as(INVESTIGATOR), { participantId: P1 })).visits[0]!.values[1]!.current!;
    await correctOutcome(await as(INVESTIGATOR), { correctsId: diastolic.valueId, value: "93", unit: "mm[Hg]", reason: "source_data_verification" });
    const later = new Date(Date.now() + 1000).toISOString();
    const history = await getOutcomeHistory(await as(INVESTIGATOR), { ...POINT, measure: "diastolic_bp" });
    const error = await errorOf(
      correctOutcome(await as(INVESTIGATOR), {
        correctsId: history.current.valueId,
        value: "93",
        unit: "mm[Hg]",
        observedAt: later,
        reason: "other",
        reasonText: "Wrong time",
      }),
    );
    expect([error?.code, error?.message]).toEqual(["CONFLICT", expect.stringMatching(/after the participant withdrew/)]);
    expect(await lastAuditRow(world.database)).toMatchObject({ kind: "access.denied", subject: P1 });
  });
});
