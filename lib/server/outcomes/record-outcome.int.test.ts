// Recording outcomes, attacked: measures the protocol does not pre-specify, wrong units, visits off the schedule, no
// consent, consent awaiting countersignature, observations before consent, re-consent pending, withdrawal from data
// collection, investigators of another site, and SQL edits of a stored value even by the owner. Every refusal of the
// gate or of scope is in the audit trail, and nothing else is written.
import { beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { outcomeValue } from "@/lib/db/schema";
import { rejectionMessage } from "@/lib/testing/db-errors";
import { viewerFor } from "@/lib/testing/viewer";
import { activateConsentVersion } from "@/lib/server/consent/activate-consent-version";
import { DEMO_CHOICES, RIGHT_ANSWERS } from "@/lib/server/consent/consent.test-helper";
import { countersignConsent } from "@/lib/server/consent/countersign-consent";
import { newConsentVersion } from "@/lib/server/consent/new-consent-version";
import { signConsent } from "@/lib/server/consent/sign-consent";
import { submitKnowledgeCheck } from "@/lib/server/consent/submit-knowledge-check";
import { withdrawConsent } from "@/lib/server/consent/withdraw-consent";
import {
  confirmProtocol,
  consentAndCountersign,
  consentWorldForThisFile,
  envelopeAt,
  errorOf,
  FORM,
  INVESTIGATOR,
  lastAuditRow,
  measurement,
  outcomeCounts,
  P1,
  P2,
  PASSWORD,
} from "./outcomes.test-helper";
import { recordOutcome } from "./record-outcome";

const world = consentWorldForThisFile();
const as = (userId: string) => viewerFor(world.database, userId);
const record = async (over: Record<string, unknown> = {}, userId = INVESTIGATOR) => recordOutcome(await as(userId), measurement(over));

/** A refusal of the consent gate: 409 in words, one access.denied record with its audit row, nothing else. */
async function expectRefused(over: Record<string, unknown>, code: string, message: RegExp) {
  const before = await outcomeCounts(world.database);
  const error = await errorOf(record(over));
  expect([error?.code, error?.message]).toEqual(["CONFLICT", expect.stringMatching(message)]);
  expect(await outcomeCounts(world.database)).toEqual({ log: before.log + 1, audit: before.audit + 1, values: before.values });
  const audit = await lastAuditRow(world.database);
  expect(audit).toMatchObject({ kind: "access.denied", actorUserId: INVESTIGATOR, subject: over.participantId ?? P1 });
  expect((await envelopeAt(world.database, audit.logIndex!)).body).toEqual({
    resource: "outcomes",
    resourceId: `${(over.measure as string) ?? "systolic_bp"}/${(over.visit as string) ?? "baseline"}`,
    reason: code,
  });
}

beforeAll(async () => confirmProtocol(world.database));

describe("the consent gate", () => {
  it("refuses a participant without consent (409), and audits the refusal", async () => {
    await expectRefused({ participantId: P2 }, "not_consented", /has not signed/);
  });

  it("refuses while the consent awaits the countersignature, and an observation made before the consent", async () => {
    const me = await as("usr_demoparticipant1");
    await submitKnowledgeCheck(me, { formVersionId: FORM, answers: RIGHT_ANSWERS });
    const signed = await signConsent(me, {
      formVersionId: FORM,
      choices: DEMO_CHOICES,
      printedName: "Pat Participant",
      password: PASSWORD,
      email: me.email,
    });
    await expectRefused({}, "awaits_countersignature", /countersignature/);
    const investigator = await as(INVESTIGATOR);
    await countersignConsent(investigator, {
      signatureId: signed.signatureId,
      identityCheck: "in_person_id",
      printedName: "Ivan Investigator",
      password: PASSWORD,
      email: investigator.email,
    });
    await expectRefused({ observedAt: "2026-01-01T08:00:00.000Z" }, "observed_before_consent", /precedes the participant's consent/);
  });

  it("records under valid consent: the outcome.recorded record and its append-only row", async () => {
    const before = await outcomeCounts(world.database);
    const done = await record({ value: "148.0", source: "device" });
    expect(await outcomeCounts(world.database)).toEqual({ log: before.log + 1, audit: before.audit + 1, values: before.values + 1 });
    expect(await envelopeAt(world.database, done.leafIndex)).toMatchObject({
      kind: "outcome.recorded",
      subject: P1,
      actor: { role: "investigator", id: INVESTIGATOR },
      body: { measure: "systolic_bp", value: "148.0", unit: "mm[Hg]", visit: "baseline" },
    });
    const [row] = await world.database.select().from(outcomeValue).where(eq(outcomeValue.id, done.valueId));
    expect(row).toMatchObject({ value: "148.0", source: "device", protocolVersion: 1, leafHash: done.leafHash, correctsId: null });
    expect((await errorOf(record({ value: "150" })))?.message).toMatch(/already recorded.*correct the value instead/);
  });
});

describe("the registered protocol", () => {
  it("refuses a measure it does not pre-specify (422 naming it), a wrong unit, a visit off the schedule, writing nothing", async () => {
    const before = await outcomeCounts(world.database);
    const unknown = await errorOf(record({ measure: "heart_rate", unit: "/min" }));
    expect([unknown?.code, unknown?.fieldErrors]).toEqual([
      "UNPROCESSABLE",
      {
        measure: [
          expect.stringMatching(/heart_rate is not an outcome measure pre-specified in protocol version 1 \(recordable: systolic_bp, diastolic_bp\)/),
        ],
      },
    ]);
    const unit = await errorOf(record({ measure: "diastolic_bp", unit: "kPa", value: "12" }));
    expect([unit?.code, unit?.fieldErrors]).toEqual(["UNPROCESSABLE", { unit: ["diastolic_bp is recorded in mm[Hg], not kPa."] }]);
    const visit = await errorOf(record({ measure: "diastolic_bp", visit: "week_52" }));
    expect(Object.keys(visit!.fieldErrors!)).toEqual(["visit"]);
    const range = await errorOf(record({ measure: "diastolic_bp", value: "900" }));
    expect(range?.fieldErrors?.value?.[0]).toMatch(/above the plausible range/);
    const future = await errorOf(record({ measure: "diastolic_bp", observedAt: "2099-01-01T00:00:00.000Z" }));
    expect(Object.keys(future!.fieldErrors!)).toEqual(["observedAt"]);
    const number = await errorOf(record({ measure: "diastolic_bp", value: 88 }));
    expect(Object.keys(number!.fieldErrors!)).toEqual(["value"]);
    expect(await outcomeCounts(world.database)).toEqual(before);
  });
});

describe("scope", () => {
  it("an investigator of another site gets the 404 of a participant that does not exist, and the attempt is audited", async () => {
    const before = await outcomeCounts(world.database);
    const other = await errorOf(record({ measure: "diastolic_bp", value: "90" }, "usr_otherinv"));
    expect([other?.code, other?.message]).toEqual(["NOT_FOUND", "Participant not found."]);
    expect(await lastAuditRow(world.database)).toMatchObject({ kind: "access.denied", actorUserId: "usr_otherinv", subject: P1 });
    const mine = await errorOf(record({ participantId: "ppt_othersite1" }));
    expect([mine?.code, mine?.message]).toEqual(["NOT_FOUND", "Participant not found."]);
    expect((await errorOf(record({ participantId: "ppt_nosuchperson" })))?.code).toBe("NOT_FOUND");
    expect((await errorOf(record({}, "usr_demosponsor")))?.code).toBe("FORBIDDEN");
    expect(await outcomeCounts(world.database)).toMatchObject({ values: before.values, audit: before.audit + 2 });
  });
});

describe("stored values", () => {
  it("refuses UPDATE and DELETE of an outcome value, by the application and by the owner, even in replica mode", async () => {
    for (const attack of [sql`update outcome_value set value = '120'`, sql`delete from outcome_value`, sql`truncate outcome_value`]) {
      expect(await rejectionMessage(world.database.execute(attack))).toMatch(/permission denied/);
      expect(await rejectionMessage(world.database.$asOwner((owner) => owner.execute(attack)))).toMatch(/append-only/);
    }
    const replica = world.database.$asOwner((owner) =>
      owner.transaction(async (tx) => {
        await tx.execute(sql`set local session_replication_role = replica`);
        await tx.execute(sql`delete from outcome_value`);
      }),
    );
    expect(await rejectionMessage(replica)).toMatch(/append-only/);
    const rows = await world.database.select().from(outcomeValue);
    expect(rows.map((r) => r.value)).toEqual(["148.0"]);
  });
});

describe("after consent changes", () => {
  it("refuses while re-consent is pending, then after a withdrawal from data collection", async () => {
    await consentAndCountersign(world.database, "usr_demoparticipant2", "Paula Participant");
    await record({ participantId: P2, value: "139" });
    const sponsor = await as("usr_demosponsor");
    const next = await newConsentVersion(sponsor, { fromVersionId: FORM });
    await activateConsentVersion(sponsor, {
      formVersionId: next.id,
      ethicsApproval: { committee: "Riverside Research Ethics Committee (demo)", reference: "REC-DEMO-0002/A1", approvalDate: "2026-11-20" },
      sites: "all",
    });
    await expectRefused({ participantId: P2, visit: "week_4" }, "reconsent_required", /must sign it first/);
    await withdrawConsent(await as("usr_demoparticipant1"), {
      scope: "data_collection",
      password: PASSWORD,
      email: "participant1@demo.trialproof.test",
    });
    await expectRefused({ visit: "week_4" }, "consent_withdrawn", /withdrew \(further data collection only\)/);
  });
});
