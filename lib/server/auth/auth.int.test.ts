import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { desc, eq } from "drizzle-orm";
import type { Database } from "@/lib/db/open";
import { auditEvent, logEnvelope, session } from "@/lib/db/schema";
import { seedDemo } from "@/lib/db/seed/seed-demo";
import { freshDatabase } from "@/lib/testing/fresh-database";
import { getAuth } from "./auth";
import { authRequest, callAuth } from "./auth-requests.test-helper";
import { handleAuthRequest } from "./handle-auth-request";

const PASSWORD = "correct horse battery staple";
const passwords = Object.fromEntries(["sponsor", "investigator", "participant1", "participant2", "regulator", "admin"].map((k) => [k, PASSWORD]));

let database: Database;
let drop: () => Promise<void>;

beforeAll(async () => {
  process.env.SESSION_IDLE_TIMEOUT_SECONDS = "900";
  ({ database, drop } = await freshDatabase());
  await seedDemo(database, passwords, 31337);
});
afterAll(async () => drop());

let ipCounter = 1;
function post(path: string, body: unknown, extra: Record<string, string> = {}) {
  return authRequest(path, body, { peer: `10.1.0.${ipCounter}`, headers: extra });
}

async function signIn(email: string, password: string, ip = `10.0.0.${ipCounter++}`) {
  return callAuth("/sign-in/email", { email, password }, { peer: ip });
}

async function auditKinds(): Promise<string[]> {
  return (await database.select().from(auditEvent).orderBy(auditEvent.id)).map((e) => e.kind);
}

describe("email + password sign-in", () => {
  it("opens a session with an httpOnly cookie, expiring after the idle timeout, and audits it", async () => {
    const before = (await auditKinds()).length;
    const res = await signIn("sponsor@demo.trialproof.test", PASSWORD);
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie().find((c) => c.includes("session_token"));
    expect(cookie).toMatch(/HttpOnly/i);
    const rows = await database.select().from(session).where(eq(session.userId, "usr_demosponsor"));
    expect(rows).toHaveLength(1);
    const ttl = rows[0]!.expiresAt.getTime() - Date.now();
    expect(ttl).toBeGreaterThan(850_000);
    expect(ttl).toBeLessThanOrEqual(900_000);
    const events = await database.select().from(auditEvent).orderBy(auditEvent.id);
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)).toMatchObject({
      kind: "auth.signed_in",
      actorUserId: "usr_demosponsor",
      actorRole: "sponsor_admin",
    });
    expect(events.at(-1)!.body).toMatchObject({ method: "password", sessionId: rows[0]!.id });
    // …and the same transaction appended the pseudonymous record to the portal-wide log.
    const [last] = await database.select().from(logEnvelope).where(eq(logEnvelope.logId, "portal")).orderBy(desc(logEnvelope.idx)).limit(1);
    expect(last!.envelope).toMatchObject({
      kind: "auth.signed_in",
      trial: "portal",
      actor: { role: "sponsor", id: "usr_demosponsor" },
      body: { method: "password" },
    });
    expect(JSON.stringify(last!.envelope)).not.toContain("@");
  });

  it("rotates: every sign-in gets a new session token", async () => {
    const a = await signIn("regulator@demo.trialproof.test", PASSWORD);
    const b = await signIn("regulator@demo.trialproof.test", PASSWORD);
    const token = (r: Response) =>
      r.headers
        .getSetCookie()
        .find((c) => c.includes("session_token"))!
        .split(";")[0];
    expect(token(a)).not.toEqual(token(b));
  });

  it("refuses a wrong password with 401 and audits the failure without the password", async () => {
    const res = await signIn("sponsor@demo.trialproof.test", "wrong password here");
    expect(res.status).toBe(401);
    const last = (await database.select().from(auditEvent).orderBy(auditEvent.id)).at(-1)!;
    expect(last.kind).toBe("auth.sign_in_failed");
    expect(JSON.stringify(last.body)).not.toContain("wrong password here");
    expect(last.body).toMatchObject({ attemptedEmail: "sponsor@demo.trialproof.test", method: "password" });
  });

  it("rate-limits repeated attempts from one address (429)", async () => {
    const statuses: number[] = [];
    // Different accounts each time: the per-account back-off (sign-in-throttle.int.test.ts) is not what is tested here.
    for (let i = 0; i < 7; i++) statuses.push((await signIn(`nobody${i}@demo.trialproof.test`, "not the password", "10.9.9.9")).status);
    expect(statuses.slice(0, 5).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(5)).toEqual([429, 429]);
    // Another address is not affected.
    expect((await signIn("admin@demo.trialproof.test", PASSWORD, "10.9.9.10")).status).toBe(200);
  });

  it("refuses malformed input with 400, not 500", async () => {
    expect((await handleAuthRequest(post("/sign-in/email", "{not json"))).status).toBeLessThan(500);
    expect((await handleAuthRequest(post("/sign-in/email", { email: 42 }))).status).toBe(400);
  });

  it("does not allow open sign-up", async () => {
    const res = await handleAuthRequest(post("/sign-up/email", { email: "new@x.test", password: "long enough password", name: "N" }));
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});

describe("sign-out", () => {
  it("deletes the session and audits it in the same transaction", async () => {
    const res = await signIn("investigator@demo.trialproof.test", PASSWORD);
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const out = await handleAuthRequest(post("/sign-out", {}, { cookie }));
    expect(out.status).toBe(200);
    expect(await database.select().from(session).where(eq(session.userId, "usr_demoinvestigator"))).toHaveLength(0);
    const last = (await database.select().from(auditEvent).orderBy(auditEvent.id)).at(-1)!;
    expect(last).toMatchObject({ kind: "auth.signed_out", actorUserId: "usr_demoinvestigator" });
  });

  it("signs out everywhere", async () => {
    await signIn("participant1@demo.trialproof.test", PASSWORD);
    const res = await signIn("participant1@demo.trialproof.test", PASSWORD);
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    expect(await database.select().from(session).where(eq(session.userId, "usr_demoparticipant1"))).toHaveLength(2);
    expect((await handleAuthRequest(post("/revoke-sessions", {}, { cookie }))).status).toBe(200);
    expect(await database.select().from(session).where(eq(session.userId, "usr_demoparticipant1"))).toHaveLength(0);
    const ends = (await database.select().from(auditEvent)).filter((e) => e.kind === "auth.signed_out" && e.actorUserId === "usr_demoparticipant1");
    expect(ends).toHaveLength(2);
    expect(ends.every((e) => (e.body as { scope: string }).scope === "everywhere")).toBe(true);
  });

  it("treats a session past its idle timeout as gone", async () => {
    const res = await signIn("participant2@demo.trialproof.test", PASSWORD);
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    await database
      .update(session)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(session.userId, "usr_demoparticipant2"));
    const auth = await getAuth();
    expect(await auth.api.getSession({ headers: new Headers({ cookie }) })).toBeNull();
  });
});
