import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/open";
import { auditEvent, invitation, logEnvelope, membership, participant, user } from "@/lib/db/schema";
import { DEMO_ORGS, DEMO_REGISTERED_TRIAL, DEMO_TRIAL } from "@/lib/db/seed/demo-data";
import { seedDemo } from "@/lib/db/seed/seed-demo";
import { seedDemoTrialLog } from "@/lib/db/seed/demo-trial-log";
import { AppError } from "@/lib/server/errors/app-error";
import { freshDatabase } from "@/lib/testing/fresh-database";
import { viewerFor } from "@/lib/testing/viewer";
import { acceptInvitation } from "./accept-invitation";
import { createInvitation } from "./create-invitation";
import { getInvitation } from "./get-invitation";

let database: Database;
let drop: () => Promise<void>;
const pw = "a long enough password";

beforeAll(async () => {
  ({ database, drop } = await freshDatabase());
  const passwords = Object.fromEntries(["sponsor", "investigator", "participant1", "participant2", "regulator", "admin"].map((k) => [k, pw]));
  await seedDemo(database, passwords, 31337);
  await seedDemoTrialLog(database);
});

/** The demo investigator's assignment: the registered demo trial at the demo site. */
const AT = { trialId: DEMO_REGISTERED_TRIAL.id, siteOrgId: DEMO_ORGS.site.id };
afterAll(async () => drop());

const count = async (table: typeof auditEvent | typeof user | typeof membership | typeof participant) =>
  (await database.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;

async function expectAppError(p: Promise<unknown>, code: AppError["code"]) {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
}

describe("participant invitations", () => {
  it("only site investigators can invite", async () => {
    const sponsor = await viewerFor(database, "usr_demosponsor");
    await expectAppError(createInvitation(sponsor, { email: "x@example.test", ...AT }), "FORBIDDEN");
  });

  it("only into a trial the investigator is assigned to at that site; an unknown trial gets the same answer", async () => {
    const investigator = await viewerFor(database, "usr_demoinvestigator");
    const before = { invitations: (await database.select().from(invitation)).length, audit: await count(auditEvent) };
    const refusal = async (to: { trialId: string; siteOrgId: string }) => {
      const error = await createInvitation(investigator, { email: "x@example.test", ...to }).then(
        () => null,
        (e: unknown) => e as AppError,
      );
      expect(error).toBeInstanceOf(AppError);
      return { code: error!.code, message: error!.message, fieldErrors: error!.fieldErrors };
    };
    const notAssigned = await refusal({ trialId: DEMO_TRIAL.id, siteOrgId: DEMO_ORGS.site.id });
    expect(notAssigned.code).toBe("FORBIDDEN");
    expect(await refusal({ trialId: "tri_doesnotexist", siteOrgId: DEMO_ORGS.site.id })).toEqual(notAssigned);
    expect(await refusal({ trialId: DEMO_REGISTERED_TRIAL.id, siteOrgId: DEMO_ORGS.sponsor.id })).toEqual(notAssigned);
    expect({ invitations: (await database.select().from(invitation)).length, audit: await count(auditEvent) }).toEqual(before);
  });

  it("creates a one-time link whose token is stored only as a hash, audited in the same transaction", async () => {
    const investigator = await viewerFor(database, "usr_demoinvestigator");
    const before = await count(auditEvent);
    const created = await createInvitation(investigator, { email: "New.Person@Example.test", ...AT });
    const row = await database.query.invitation.findFirst({ where: eq(invitation.id, created.id) });
    expect(row).toMatchObject({ role: "participant", trialId: AT.trialId, organizationId: AT.siteOrgId });
    expect(row?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.tokenHash).not.toContain(created.token);
    expect(row?.email).toBe("new.person@example.test");
    expect(await count(auditEvent)).toBe(before + 1);
    const info = await getInvitation(created.token);
    expect(info.organizationName).toBe("Riverside Clinical Research Site");
  });

  it("accepting creates user, membership, pseudonymous enrolment in the trial and audit event together; a second use is refused", async () => {
    const investigator = await viewerFor(database, "usr_demoinvestigator");
    const created = await createInvitation(investigator, { email: "joiner@example.test", ...AT });
    const accepted = await acceptInvitation(created.token, { name: "Jo Iner", password: pw });
    expect(accepted.participantId).toMatch(/^ppt_[0-9a-f]{24}$/);
    const enrolment = await database.query.participant.findFirst({
      where: eq(participant.id, accepted.participantId!),
    });
    expect(enrolment).toMatchObject({ userId: accepted.userId, trialId: AT.trialId, siteOrgId: AT.siteOrgId });
    // The acceptance is a record of the trial's log, about the new pseudonym.
    const [record] = await database
      .select()
      .from(logEnvelope)
      .where(eq(logEnvelope.logId, DEMO_REGISTERED_TRIAL.publicId))
      .orderBy(sql`${logEnvelope.idx} desc`)
      .limit(1);
    expect(record!.envelope).toMatchObject({ kind: "auth.invitation_accepted", subject: accepted.participantId });
    const roles = await database.select().from(membership).where(eq(membership.userId, accepted.userId));
    expect(roles.map((r) => r.role)).toEqual(["participant"]);
    const ev = (await database.select().from(auditEvent).orderBy(auditEvent.id)).at(-1)!;
    expect(ev).toMatchObject({
      kind: "auth.invitation_accepted",
      actorUserId: accepted.userId,
      subject: accepted.participantId,
    });
    expect(JSON.stringify(ev.body)).not.toContain("joiner@example.test");
    await expectAppError(acceptInvitation(created.token, { name: "Again", password: pw }), "GONE");
    await expectAppError(getInvitation(created.token), "GONE");
  });

  it("an unknown token is 404, an expired one 410", async () => {
    await expectAppError(getInvitation("A".repeat(43)), "NOT_FOUND");
    const investigator = await viewerFor(database, "usr_demoinvestigator");
    const created = await createInvitation(investigator, { email: "late@example.test", ...AT });
    await database
      .update(invitation)
      .set({ expiresAt: new Date(Date.now() - 1) })
      .where(eq(invitation.id, created.id));
    await expectAppError(acceptInvitation(created.token, { name: "Late", password: pw }), "GONE");
  });

  it("a failure half-way leaves nothing written and the invitation still usable", async () => {
    const investigator = await viewerFor(database, "usr_demoinvestigator");
    // The email already has an account: creating the user fails after the invitation row is locked.
    const created = await createInvitation(investigator, { email: "participant1@demo.trialproof.test", ...AT });
    const before = {
      users: await count(user),
      audit: await count(auditEvent),
      members: await count(membership),
      ppts: await count(participant),
    };
    await expectAppError(acceptInvitation(created.token, { name: "Dup", password: pw }), "CONFLICT");
    expect({
      users: await count(user),
      audit: await count(auditEvent),
      members: await count(membership),
      ppts: await count(participant),
    }).toEqual(before);
    const row = await database.query.invitation.findFirst({ where: eq(invitation.id, created.id) });
    expect(row?.status).toBe("pending");
  });

  it("two simultaneous accepts of one link create exactly one account", async () => {
    const investigator = await viewerFor(database, "usr_demoinvestigator");
    const created = await createInvitation(investigator, { email: "race@example.test", ...AT });
    const results = await Promise.allSettled([
      acceptInvitation(created.token, { name: "Race A", password: pw }),
      acceptInvitation(created.token, { name: "Race B", password: pw }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await database.select().from(user).where(eq(user.email, "race@example.test"))).toHaveLength(1);
  });

  it("an invitation that names no trial (written before invitations did) is refused and writes nothing", async () => {
    const investigator = await viewerFor(database, "usr_demoinvestigator");
    const created = await createInvitation(investigator, { email: "legacy@example.test", ...AT });
    // Stands in for a row from before participant invitations named their trial.
    await database.update(invitation).set({ trialId: null }).where(eq(invitation.id, created.id));
    const before = {
      users: await count(user),
      audit: await count(auditEvent),
      members: await count(membership),
      ppts: await count(participant),
    };
    await expectAppError(acceptInvitation(created.token, { name: "Leg Acy", password: pw }), "GONE");
    expect({
      users: await count(user),
      audit: await count(auditEvent),
      members: await count(membership),
      ppts: await count(participant),
    }).toEqual(before);
  });
});
