// Requests that must be refused before anything is written, sent to the exported route handlers as Next would call
// them, against a real database: a signed-in platform admin's browser asked by another site to grant a role
// (cross-site origins, a form's text/plain body, bodies past the limit), and better-auth's sign-in, which opens a
// session. Each case counts the rows that would have been written; the last case of each route shows the same
// request, well formed and from the portal's own page, does write them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { POST as rolesRoute } from "@/app/api/admin/roles/route";
import { POST as authRoute } from "@/app/api/auth/[...all]/route";
import type { Database } from "@/lib/db/open";
import { auditEvent, membership, session } from "@/lib/db/schema";
import { seedDemo } from "@/lib/db/seed/seed-demo";
import { env } from "@/lib/env";
import { authRequest, sessionCookie } from "@/lib/server/auth/auth-requests.test-helper";
import { MAX_AUTH_BODY_BYTES, MAX_JSON_BODY_BYTES } from "@/lib/server/http/request-body";
import { freshDatabase } from "@/lib/testing/fresh-database";

const PASSWORD = "a long enough password";
const ORIGIN = new URL(env().BETTER_AUTH_URL).origin;
let database: Database;
let drop: () => Promise<void>;
let adminCookie: string;

beforeAll(async () => {
  ({ database, drop } = await freshDatabase());
  const passwords = Object.fromEntries(["sponsor", "investigator", "participant1", "participant2", "regulator", "admin"].map((k) => [k, PASSWORD]));
  await seedDemo(database, passwords, 31337);
  const signedIn = await authRoute(
    authRequest("/sign-in/email", { email: "admin@demo.trialproof.test", password: PASSWORD }, { peer: "203.0.113.9" }),
  );
  expect(signedIn.status).toBe(200);
  adminCookie = sessionCookie(signedIn);
});
afterAll(async () => drop?.());

async function rows() {
  const n = async (table: typeof membership | typeof auditEvent | typeof session) =>
    (await database.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;
  return { memberships: await n(membership), audit: await n(auditEvent), sessions: await n(session) };
}

/** A JSON body that never ends (what a client streaming a huge upload looks like to the route). */
function endlessJson(prefix: string) {
  const encoder = new TextEncoder();
  let first = true;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      await new Promise((resolve) => setImmediate(resolve)); // a reader that never stops times out, not hangs
      controller.enqueue(first ? encoder.encode(prefix) : new Uint8Array(32 * 1024).fill(0x61));
      first = false;
    },
  });
}

const grant = { userId: "usr_demoregulator", organizationId: "org_demosite", role: "investigator", change: "grant" };
/** The admin's browser (session cookie) posting a role grant; `""` removes a header. */
function grantRole(init: { body?: BodyInit; headers?: Record<string, string> }): Promise<Response> {
  const request = new Request(`${ORIGIN}/api/admin/roles`, {
    method: "POST",
    body: init.body ?? JSON.stringify({ ...grant, reason: "Covering the site audit" }),
    headers: { "content-type": "application/json", origin: ORIGIN, cookie: adminCookie, ...init.headers },
    duplex: "half",
  } as RequestInit);
  for (const [name, value] of Object.entries(init.headers ?? {})) if (value === "") request.headers.delete(name);
  return rolesRoute(request, { params: Promise.resolve({}) });
}

describe("a role grant by a signed-in platform admin", () => {
  // `{"userId":…,"reason":"` followed by an endless reason.
  const padded = JSON.stringify({ ...grant, reason: "" }).slice(0, -2);
  it.each([
    ["a streamed body past the limit", () => grantRole({ body: endlessJson(padded) }), 413],
    ["a chunked body whose Content-Length lies", () => grantRole({ body: endlessJson(padded), headers: { "content-length": "120" } }), 413],
    ["a declared Content-Length past the limit", () => grantRole({ headers: { "content-length": String(MAX_JSON_BODY_BYTES + 1) } }), 413],
    ["text/plain;application/json (a cross-site form's type)", () => grantRole({ headers: { "content-type": "text/plain;application/json" } }), 415],
    ["a foreign Origin", () => grantRole({ headers: { origin: "https://evil.example" } }), 403],
    ["no Origin, Sec-Fetch-Site cross-site", () => grantRole({ headers: { origin: "", "sec-fetch-site": "cross-site" } }), 403],
  ] as const)("%s is refused and nothing is written", async (_what, send, status) => {
    const before = await rows();
    const res = await send();
    expect(res.status, await res.clone().text()).toBe(status);
    expect(await rows()).toEqual(before);
  });

  it("the same request from the portal's own page (no Origin, Sec-Fetch-Site same-origin) grants the role", async () => {
    const before = await rows();
    const res = await grantRole({ headers: { origin: "", "sec-fetch-site": "same-origin" } });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await rows()).toMatchObject({ memberships: before.memberships + 1, audit: before.audit + 1 });
  });
});

describe("signing in through the auth route (opens a session)", () => {
  const peer = { peer: "203.0.113.7" };
  const signIn = (body: unknown, headers: Record<string, string> = {}) => authRoute(authRequest("/sign-in/email", body, { ...peer, headers }));

  it("an oversize body is a 413 and no session is opened", async () => {
    const before = await rows();
    const res = await signIn({
      email: "sponsor@demo.trialproof.test",
      password: PASSWORD,
      padding: "x".repeat(MAX_AUTH_BODY_BYTES),
    });
    expect(res.status).toBe(413);
    expect(await rows()).toEqual(before);
  });

  it("a well-formed sign-in passes through the limit to better-auth and opens one", async () => {
    const before = await rows();
    const res = await signIn({ email: "sponsor@demo.trialproof.test", password: PASSWORD });
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await rows()).sessions).toBe(before.sessions + 1);
  });
});
