// Shared by the outcome integration tests (imported by *.int.test.ts only): the consent world of the consent tests
// (the demo's registered trial with two sites), its protocol version 1 confirmed (standing in for the sponsor's
// registerTrial transaction), and counters for "nothing else was written".
import { count, desc, eq } from "drizzle-orm";
import type { Database } from "@/lib/db/open";
import { auditEvent, logEnvelope, outcomeValue } from "@/lib/db/schema";
import { DEMO_PERSONAS } from "@/lib/db/seed/demo-data";
import { confirmDemoProtocol } from "@/lib/db/seed/demo-trial-log";
import { viewerFor } from "@/lib/testing/viewer";
import { countersignConsent } from "@/lib/server/consent/countersign-consent";
import { DEMO_CHOICES, PASSWORD, RIGHT_ANSWERS, TRIAL } from "@/lib/server/consent/consent.test-helper";
import { signConsent } from "@/lib/server/consent/sign-consent";
import { submitKnowledgeCheck } from "@/lib/server/consent/submit-knowledge-check";

export { consentWorldForThisFile, errorOf, OTHER_SITE, PASSWORD, TRIAL, envelopeAt } from "@/lib/server/consent/consent.test-helper";
export const FORM = "cfv_demo0001";
export const P1 = "ppt_demoparticipant1";
export const P2 = "ppt_demoparticipant2";
export const INVESTIGATOR = "usr_demoinvestigator";

/** Stands in for the demo sponsor's registerTrial transaction: version 1 (measures and visit schedule) confirmed. */
export async function confirmProtocol(database: Database): Promise<void> {
  await confirmDemoProtocol(database, {
    txHash: `0x${"34".repeat(32)}`,
    blockNumber: 2n,
    blockTimestamp: new Date(),
    sender: DEMO_PERSONAS[0]!.wallet!,
  });
}

/** A participant of the demo site signs the demo form and the demo investigator countersigns: data may be recorded. */
export async function consentAndCountersign(database: Database, userId: string, printedName: string): Promise<void> {
  const me = await viewerFor(database, userId);
  await submitKnowledgeCheck(me, { formVersionId: FORM, answers: RIGHT_ANSWERS });
  const signed = await signConsent(me, { formVersionId: FORM, choices: DEMO_CHOICES, printedName, password: PASSWORD, email: me.email });
  const investigator = await viewerFor(database, INVESTIGATOR);
  await countersignConsent(investigator, {
    signatureId: signed.signatureId,
    identityCheck: "in_person_id",
    printedName: "Ivan Investigator",
    password: PASSWORD,
    email: investigator.email,
  });
}

/** Row counts of what recording writes: the trial's log, the audit trail and the outcome values. */
export async function outcomeCounts(database: Database) {
  const of = async (q: Promise<{ n: number }[]>) => (await q)[0]!.n;
  return {
    log: await of(database.select({ n: count() }).from(logEnvelope).where(eq(logEnvelope.logId, TRIAL.publicId))),
    audit: await of(database.select({ n: count() }).from(auditEvent)),
    values: await of(database.select({ n: count() }).from(outcomeValue)),
  };
}

/** The latest audit row of the registered trial. */
export async function lastAuditRow(database: Database) {
  const [row] = await database.select().from(auditEvent).where(eq(auditEvent.trialId, TRIAL.id)).orderBy(desc(auditEvent.id)).limit(1);
  return row!;
}

/** A valid measurement of the demo protocol, observed now (after any consent given earlier in the test). */
export const measurement = (over: Record<string, unknown> = {}) => ({
  participantId: P1,
  measure: "systolic_bp",
  visit: "baseline",
  value: "148",
  unit: "mm[Hg]",
  observedAt: new Date().toISOString(),
  source: "crf",
  ...over,
});
