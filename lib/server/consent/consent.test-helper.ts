// Shared by the consent integration tests (imported by *.int.test.ts only): the embedded demo (its registered trial
// TP-2026-0002 with the active demo consent form, the demo investigator at the demo site and two enrolled participants),
// a second site of that trial with its own investigator and participant, and counters for "nothing was written".
import { afterAll, beforeAll } from "vitest";
import { and, count, eq } from "drizzle-orm";
import { hashPassword } from "better-auth/crypto";
import type { Database } from "@/lib/db/open";
import {
  account,
  auditEvent,
  consentCheckAttempt,
  consentCountersignature,
  consentSignature,
  consentWithdrawal,
  logEnvelope,
  membership,
  organization,
  participant,
  trialSiteInvestigator,
  user,
} from "@/lib/db/schema";
import { DEMO_PERSONAS, DEMO_REGISTERED_TRIAL } from "@/lib/db/seed/demo-data";
import { seedDemoTrialLog } from "@/lib/db/seed/demo-trial-log";
import { seedDemo } from "@/lib/db/seed/seed-demo";
import { parseEnvelope, type Envelope } from "@/lib/integrity";
import type { AppError } from "@/lib/server/errors/app-error";
import { freshDatabase } from "@/lib/testing/fresh-database";
import { viewerFor } from "@/lib/testing/viewer";
import { addTrialSite } from "@/lib/server/protocols/add-trial-site";

export const PASSWORD = "consent-test-password";
export const TRIAL = DEMO_REGISTERED_TRIAL;
export const OTHER_SITE = "org_othersite";

/** The demo, plus a second site of the registered trial with investigator usr_otherinv and participant ppt_othersite1. */
export async function seedConsentWorld(database: Database): Promise<void> {
  await seedDemo(database, Object.fromEntries(DEMO_PERSONAS.map((p) => [p.key, PASSWORD])), 31337);
  await seedDemoTrialLog(database);
  await database.insert(organization).values({ id: OTHER_SITE, name: "Hillside Clinic", kind: "site" });
  await addTrialSite(await viewerFor(database, "usr_demosponsor"), TRIAL.id, { siteOrgId: OTHER_SITE });
  // The second site's people are inserted as rows: their invitations and acceptance are tested elsewhere.
  await database.transaction(async (tx) => {
    for (const [id, name, role] of [
      ["usr_otherinv", "Olga Otherinvestigator", "investigator"],
      ["usr_otherppt", "Oscar Otherparticipant", "participant"],
    ] as const) {
      await tx.insert(user).values({ id, name, email: `${id}@example.test`, emailVerified: true });
      await tx
        .insert(account)
        .values({ id: `acc_${id}`, accountId: id, providerId: "credential", userId: id, password: await hashPassword(PASSWORD) });
      await tx.insert(membership).values({ id: `mem_${id}`, userId: id, organizationId: OTHER_SITE, role });
    }
    await tx.insert(trialSiteInvestigator).values({ trialId: TRIAL.id, siteOrgId: OTHER_SITE, userId: "usr_otherinv", createdBy: "usr_demosponsor" });
    await tx.insert(participant).values({ id: "ppt_othersite1", userId: "usr_otherppt", siteOrgId: OTHER_SITE, trialId: TRIAL.id });
  });
}

/** A fresh database with the consent world for one test file (created before its tests, dropped after them). */
export function consentWorldForThisFile(): { readonly database: Database } {
  let database: Database | undefined;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    ({ database, drop } = await freshDatabase());
    await seedConsentWorld(database);
  });
  afterAll(async () => drop?.());
  return {
    get database() {
      if (!database) throw new Error("consentWorldForThisFile: the database exists only while the file's tests run");
      return database;
    },
  };
}

/** Row counts of everything a consent use case writes: equal before and after a refused request. */
export async function writtenCounts(database: Database) {
  const of = async (q: Promise<{ n: number }[]>) => (await q)[0]!.n;
  return {
    log: await of(database.select({ n: count() }).from(logEnvelope).where(eq(logEnvelope.logId, TRIAL.publicId))),
    audit: await of(database.select({ n: count() }).from(auditEvent)),
    attempts: await of(database.select({ n: count() }).from(consentCheckAttempt)),
    signatures: await of(database.select({ n: count() }).from(consentSignature)),
    countersignatures: await of(database.select({ n: count() }).from(consentCountersignature)),
    withdrawals: await of(database.select({ n: count() }).from(consentWithdrawal)),
  };
}

/** Right answers to the demo form's knowledge check, and an answer to each of its optional choices. */
export const RIGHT_ANSWERS = { q_voluntary: ["yes"], q_visits: ["start", "week_12", "week_4"] };
export const DEMO_CHOICES = [
  { id: "future_contact", accepted: true },
  { id: "sample_storage", accepted: false },
];

/** The record at `index` of the registered trial's log, parsed. */
export async function envelopeAt(database: Database, index: number): Promise<Envelope> {
  const [row] = await database
    .select()
    .from(logEnvelope)
    .where(and(eq(logEnvelope.logId, TRIAL.publicId), eq(logEnvelope.idx, index)));
  const parsed = parseEnvelope(row!.envelope);
  if (!parsed.ok) throw new Error(`record ${index} is not a valid envelope`);
  return parsed.value;
}

/** The AppError a use case rejects with (null when it succeeds). */
export const errorOf = (p: Promise<unknown>): Promise<AppError | null> =>
  p.then(
    () => null,
    (e: unknown) => e as AppError,
  );
