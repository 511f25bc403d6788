// Next.js announces the embedded portal as http://127.0.0.1:PORT, the portal itself as http://localhost:PORT: a
// sign-in from either must be accepted there, and only BETTER_AUTH_URL's origin anywhere else.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

// better-auth skips its origin check altogether when it believes it runs under a test runner (NODE_ENV=test or
// TEST, read once when it loads): this file needs the check as a served portal runs it.
vi.hoisted(() => {
  (process.env as Record<string, string | undefined>).NODE_ENV = "development";
  delete process.env.TEST;
});
import { seedDemo } from "@/lib/db/seed/seed-demo";
import { freshDatabase } from "@/lib/testing/fresh-database";

const PASSWORD = "correct horse battery staple";
const passwords = Object.fromEntries(["sponsor", "investigator", "participant1", "participant2", "regulator", "admin"].map((k) => [k, PASSWORD]));
const saved = { ...process.env };
let drop: () => Promise<void>;
let peer = 1;

beforeAll(async () => {
  let database;
  ({ database, drop } = await freshDatabase());
  await seedDemo(database, passwords, 31337);
});
afterAll(async () => {
  process.env = saved;
  await drop();
});

/** A fresh auth instance for this mode (the environment and better-auth are built once per process otherwise). */
async function signInFrom(origin: string, mode: "embedded" | "production"): Promise<Response> {
  process.env.TRIALPROOF_MODE = mode;
  process.env.BETTER_AUTH_URL = "http://localhost:3000";
  process.env.BETTER_AUTH_SECRET = "a-test-secret-that-is-long-enough-0123456789";
  delete (globalThis as { trialproofAuth?: unknown }).trialproofAuth;
  vi.resetModules();
  const { callAuth } = await import("./auth-requests.test-helper");
  return callAuth(
    "/sign-in/email",
    { email: "regulator@demo.trialproof.test", password: PASSWORD },
    { peer: `10.7.0.${peer++}`, headers: { origin } },
  );
}

beforeEach(() => {
  delete (globalThis as { trialproofAuth?: unknown }).trialproofAuth;
});

describe("trusted origins", () => {
  it("embedded mode: a sign-in from http://127.0.0.1:PORT is accepted, as from http://localhost:PORT", async () => {
    const loopback = await signInFrom("http://127.0.0.1:3000", "embedded");
    expect(loopback.status, await loopback.clone().text()).toBe(200);
    expect(loopback.headers.getSetCookie().some((c) => c.includes("session_token"))).toBe(true);
    expect((await signInFrom("http://localhost:3000", "embedded")).status).toBe(200);
  });

  it("embedded mode: other ports and other hosts are still refused", async () => {
    for (const origin of ["http://127.0.0.1:3001", "http://localhost:3001", "http://evil.example", "http://127.0.0.2:3000"]) {
      const res = await signInFrom(origin, "embedded");
      expect(res.status, origin).toBe(403);
      expect(
        res.headers.getSetCookie().some((c) => c.includes("session_token")),
        origin,
      ).toBe(false);
    }
  });

  it("production mode: only BETTER_AUTH_URL's origin; http://127.0.0.1:PORT is refused", async () => {
    const loopback = await signInFrom("http://127.0.0.1:3000", "production");
    expect(loopback.status).toBe(403);
    expect(await loopback.text()).toMatch(/origin/i);
    expect(loopback.headers.getSetCookie().some((c) => c.includes("session_token"))).toBe(false);
    expect((await signInFrom("http://localhost:3000", "production")).status).toBe(200);
  });
});
