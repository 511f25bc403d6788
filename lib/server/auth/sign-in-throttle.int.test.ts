// Attacks on sign-in throttling: forged forwarding headers, guessing one account, locking others out.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/open";
import { auditEvent, logEnvelope, session } from "@/lib/db/schema";
import { seedDemo } from "@/lib/db/seed/seed-demo";
import { freshDatabase } from "@/lib/testing/fresh-database";
import { PEER_HEADER } from "./client-address";
import { callAuth, signIn, type From } from "./auth-requests.test-helper";
import { listSignInAlerts } from "./list-sign-in-alerts";
import { SIGN_IN_POLICY } from "./sign-in-guard";
import type { Viewer } from "./viewer";

// The portal sits behind proxies in 10.0.0.0/8 in this file.
const savedTrustedProxies = process.env.TRUSTED_PROXIES;
process.env.TRUSTED_PROXIES = "10.0.0.0/8";

const PASSWORD = "correct horse battery staple";
const passwords = Object.fromEntries(["sponsor", "investigator", "participant1", "participant2", "regulator", "admin"].map((k) => [k, PASSWORD]));
const INVESTIGATOR = "investigator@demo.trialproof.test";
const WRONG = "not the password at all";

let database: Database;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ database, drop } = await freshDatabase());
  await seedDemo(database, passwords, 31337);
});
afterAll(async () => {
  if (savedTrustedProxies === undefined) delete process.env.TRUSTED_PROXIES;
  else process.env.TRUSTED_PROXIES = savedTrustedProxies;
  await drop();
});

/** Moves every limiter and guard row into the past, as if `seconds` had gone by. */
async function travel(seconds: number) {
  await database.execute(sql`update rate_limit set last_request = last_request - ${seconds * 1000}`);
}

async function statuses(attempts: { email: string; password?: string; from: From }[]): Promise<number[]> {
  const out: number[] = [];
  for (const a of attempts) out.push((await signIn(a.email, a.password ?? WRONG, a.from)).status);
  return out;
}

const retryAfter = (res: Response) => Number(res.headers.get("x-retry-after"));

async function failuresFrom(address: string | null) {
  const rows = await database.select().from(auditEvent).where(eq(auditEvent.kind, "auth.sign_in_failed")).orderBy(auditEvent.id);
  return rows.filter((r) => r.ipAddress === address);
}

describe("the per-address limit cannot be dodged with forwarding headers", () => {
  it("rotating X-Forwarded-For from an untrusted peer: 429 after the limit", async () => {
    const attempts = Array.from({ length: 7 }, (_, i) => ({
      email: `stuffing${i}@example.test`,
      from: { peer: "203.0.113.10", forwardedFor: `198.51.100.${i + 1}` },
    }));
    expect(await statuses(attempts)).toEqual([401, 401, 401, 401, 401, 429, 429]);
    // Every failure was audited under the peer, none under an address the client wrote.
    expect(await failuresFrom("203.0.113.10")).toHaveLength(5);
    expect((await failuresFrom("198.51.100.1")).length).toBe(0);
  });

  it("rotating X-Forwarded-For does not reset the back-off on one account either", async () => {
    const attempts = Array.from({ length: 5 }, (_, i) => ({
      email: INVESTIGATOR,
      from: { peer: "203.0.113.11", forwardedFor: `198.51.100.${i + 1}` },
    }));
    const res: number[] = await statuses(attempts);
    expect(res).toEqual([401, 401, 401, 429, 429]);
  });

  it("a forged peer report (without the server layer's token) is ignored: all such clients share one bucket", async () => {
    const attempts = Array.from({ length: 7 }, (_, i) => ({
      email: `forged${i}@example.test`,
      from: { peer: "203.0.113.12", headers: { [PEER_HEADER]: `guessed-token 192.0.2.${i + 100}` } },
    }));
    expect(await statuses(attempts)).toEqual([401, 401, 401, 401, 401, 429, 429]);
  });

  it("with TRUSTED_PROXIES, the right-most untrusted entry is the key and the audited address", async () => {
    const viaProxy = (i: number) => ({
      email: `proxied${i}@example.test`,
      from: { peer: "10.0.0.2", forwardedFor: `6.6.6.${i}, 198.51.100.77, 10.0.0.5` },
    });
    expect(await statuses(Array.from({ length: 7 }, (_, i) => viaProxy(i)))).toEqual([401, 401, 401, 401, 401, 429, 429]);
    expect(await failuresFrom("198.51.100.77")).toHaveLength(5);
    expect(await failuresFrom("6.6.6.0")).toHaveLength(0);
    // Another client behind the same proxy has its own bucket.
    expect((await signIn("proxied-other@example.test", WRONG, { peer: "10.0.0.2", forwardedFor: "198.51.100.78" })).status).toBe(401);
    // A session opened through the proxy records the decision address, in the session and in the audit row.
    const ok = await signIn("sponsor@demo.trialproof.test", PASSWORD, {
      peer: "10.0.0.3",
      forwardedFor: "9.9.9.9, 198.51.100.90",
    });
    expect(ok.status).toBe(200);
    const [row] = await database.select().from(session).where(eq(session.userId, "usr_demosponsor")).orderBy(desc(session.createdAt)).limit(1);
    expect(row!.ipAddress).toBe("198.51.100.90");
    const [signedIn] = await database.select().from(auditEvent).where(eq(auditEvent.kind, "auth.signed_in")).orderBy(desc(auditEvent.id)).limit(1);
    expect(signedIn!.ipAddress).toBe("198.51.100.90");
  });
});

describe("per-account back-off", () => {
  const attacker: From = { peer: "203.0.113.20" };

  it("grows with each failure, spares other clients, alerts admins, and is cleared by a success", async () => {
    expect(await statuses([1, 2, 3].map(() => ({ email: INVESTIGATOR, from: attacker })))).toEqual([401, 401, 401]);
    const first = await signIn(INVESTIGATOR, WRONG, attacker);
    expect(first.status).toBe(429);
    expect(((await first.json()) as { code: string }).code).toBe("SIGN_IN_BACKOFF");
    expect(retryAfter(first)).toBeGreaterThan(SIGN_IN_POLICY.backoffBaseSeconds - 5);
    expect(retryAfter(first)).toBeLessThanOrEqual(SIGN_IN_POLICY.backoffBaseSeconds);

    // Meanwhile the account's owner, from their own address, and another person on another account, sign in.
    expect((await signIn(INVESTIGATOR, PASSWORD, { peer: "203.0.113.21" })).status).toBe(200);
    expect((await signIn("regulator@demo.trialproof.test", PASSWORD, { peer: "203.0.113.22" })).status).toBe(200);

    await travel(61);
    expect((await signIn(INVESTIGATOR, WRONG, attacker)).status).toBe(401);
    const second = await signIn(INVESTIGATOR, WRONG, attacker);
    expect(second.status).toBe(429);
    expect(retryAfter(second)).toBeGreaterThan(retryAfter(first));

    await travel(61);
    expect((await signIn(INVESTIGATOR, WRONG, attacker)).status).toBe(401); // the fifth failure in a row
    const third = await signIn(INVESTIGATOR, WRONG, attacker);
    expect(retryAfter(third)).toBeGreaterThan(retryAfter(second));

    // The fifth consecutive failure raised one alert for platform admins, with the decision address.
    const alerts = await database.select().from(auditEvent).where(eq(auditEvent.kind, "auth.sign_in_alert"));
    const mine = alerts.filter((a) => a.ipAddress === "203.0.113.20");
    expect(mine).toHaveLength(1);
    expect(mine[0]!.body).toMatchObject({
      trigger: "address_failures",
      failures: 5,
      attemptedEmail: INVESTIGATOR,
      account: "usr_demoinvestigator",
    });
    // Its log record is pseudonymous: the account's id and a keyed hash, no email, no address.
    const [record] = await database
      .select()
      .from(logEnvelope)
      .where(and(eq(logEnvelope.logId, mine[0]!.logId!), eq(logEnvelope.idx, mine[0]!.logIndex!)));
    expect(record!.envelope).toMatchObject({
      kind: "auth.sign_in_alert",
      body: { trigger: "address_failures", failures: 5, account: "usr_demoinvestigator" },
    });
    expect((record!.envelope as { body: { emailTag: string } }).body.emailTag).toMatch(/^0x[0-9a-f]{64}$/);
    expect(JSON.stringify(record!.envelope)).not.toContain("@");
    expect(JSON.stringify(record!.envelope)).not.toContain("203.0.113.20");
    // …and the admin page's list shows it.
    const admin = { userId: "usr_demoadmin", roles: ["platform_admin"] } as Viewer;
    const listed = await listSignInAlerts(admin);
    expect(listed.find((a) => a.ipAddress === "203.0.113.20")).toMatchObject({
      trigger: "address_failures",
      attemptedEmail: INVESTIGATOR,
      accountName: "Ivan Investigator",
    });
    await expect(listSignInAlerts({ userId: "usr_demoinvestigator", roles: ["investigator"] } as Viewer)).rejects.toThrow(/platform admin/);

    // Waiting out the back-off and then succeeding clears it: the next mistake is free again.
    await travel(SIGN_IN_POLICY.backoffCapSeconds + 1);
    expect((await signIn(INVESTIGATOR, PASSWORD, attacker)).status).toBe(200);
    expect((await signIn(INVESTIGATOR, WRONG, attacker)).status).toBe(401);
  });
});

describe("per-account ceiling", () => {
  it("slows guessing from many addresses without locking the owner out", async () => {
    const target = "participant2@demo.trialproof.test";
    const spread = Array.from({ length: SIGN_IN_POLICY.accountCeiling }, (_, i) => ({
      email: target,
      from: { peer: `192.0.2.${i + 1}` },
    }));
    expect(new Set(await statuses(spread))).toEqual(new Set([401]));
    const [alert] = await database.select().from(auditEvent).where(eq(auditEvent.kind, "auth.sign_in_alert")).orderBy(desc(auditEvent.id)).limit(1);
    expect(alert!.body).toMatchObject({
      trigger: "account_failures",
      failures: SIGN_IN_POLICY.accountCeiling,
      account: "usr_demoparticipant2",
    });
    expect(alert!.ipAddress).toBe(`192.0.2.${SIGN_IN_POLICY.accountCeiling}`);
    // Slow mode: an address that just failed waits for the window, even with its free failures left…
    const again = await signIn(target, WRONG, { peer: "192.0.2.1" });
    expect(again.status).toBe(429);
    expect(retryAfter(again)).toBeGreaterThan(SIGN_IN_POLICY.accountWindowSeconds - 60);
    // …but a client that has not failed still gets its attempt: the owner signs in.
    expect((await signIn(target, PASSWORD, { peer: "198.51.100.200" })).status).toBe(200);
  });
});

describe("refused attempts", () => {
  it("are audited as rate-limited failures without the password", async () => {
    const from = { peer: "203.0.113.30" };
    await statuses([1, 2, 3].map(() => ({ email: "admin@demo.trialproof.test", from })));
    expect((await callAuth("/sign-in/email", { email: "admin@demo.trialproof.test", password: "secret-guess-4" }, from)).status).toBe(429);
    const [last] = await database.select().from(auditEvent).orderBy(desc(auditEvent.id)).limit(1);
    expect(last).toMatchObject({ kind: "auth.sign_in_failed", ipAddress: "203.0.113.30" });
    expect(last!.body).toMatchObject({ method: "password", attemptedEmail: "admin@demo.trialproof.test" });
    expect(JSON.stringify(last!.body)).not.toContain("secret-guess-4");
    const [record] = await database
      .select()
      .from(logEnvelope)
      .where(and(eq(logEnvelope.logId, last!.logId!), eq(logEnvelope.idx, last!.logIndex!)));
    expect(record!.envelope).toMatchObject({ body: { method: "password", reason: "rate_limited" } });
  });
});
