import { E2E, PERSONAS, type PersonaKey } from "./fixtures/e2e-env";
import { expect, signInViaApi, test } from "./fixtures/test";

const PAGES: Record<string, PersonaKey> = {
  "/sponsor": "sponsor",
  "/site": "investigator",
  "/participant": "participant",
  "/regulator": "regulator",
  "/admin": "admin",
};

/** Each role's API: method, path, body, and who may call it. */
const ACTIONS: Array<{ method: "GET" | "POST"; path: string; data?: unknown; owner: PersonaKey }> = [
  { method: "GET", path: "/api/sponsor/trials", owner: "sponsor" },
  {
    method: "POST",
    path: "/api/invitations",
    data: { email: "someone@example.test", trialId: "tri_demo0002", siteOrgId: "org_demosite" },
    owner: "investigator",
  },
  { method: "GET", path: "/api/site/roster", owner: "investigator" },
  { method: "GET", path: "/api/participant/record", owner: "participant" },
  { method: "GET", path: "/api/admin/audit", owner: "admin" },
  {
    method: "POST",
    path: "/api/admin/roles",
    data: {
      userId: "usr_demoregulator",
      organizationId: "org_demoregulator",
      role: "regulator",
      change: "grant",
      reason: "e2e authorization probe",
    },
    owner: "admin",
  },
];

test.describe("no session", () => {
  test("protected pages redirect to sign-in, APIs answer 401", async ({ page }) => {
    for (const path of Object.keys(PAGES)) {
      await page.goto(path);
      await expect(page).toHaveURL(new RegExp(`/sign-in\\?next=${encodeURIComponent(path).replace(/\//g, "\\/")}`));
    }
    for (const a of ACTIONS) {
      const res = await page.request.fetch(a.path, {
        method: a.method,
        data: a.data,
        headers: { origin: E2E.baseURL },
      });
      expect(res.status(), `${a.method} ${a.path}`).toBe(401);
    }
  });
});

for (const who of Object.keys(PERSONAS) as PersonaKey[]) {
  test(`${who}: 403 from the server for every other role's page and action`, async ({ page, visit }) => {
    // Every page of every role, each with an accessibility scan: ten scans, several seconds each on a busy machine.
    test.slow();
    await signInViaApi(page, who);
    for (const [path, owner] of Object.entries(PAGES)) {
      const status = await visit(path);
      if (owner === who) expect(status, path).toBe(200);
      else {
        expect(status, `${who} → ${path}`).toBe(403);
        await expect(page.getByRole("heading", { level: 1 })).toContainText(/access/i);
      }
    }
    for (const a of ACTIONS.filter((x) => x.owner !== who)) {
      const res = await page.request.fetch(a.path, {
        method: a.method,
        data: a.data,
        headers: { origin: E2E.baseURL },
      });
      expect(res.status(), `${who} → ${a.method} ${a.path}`).toBe(403);
      expect((await res.json()).error.code).toBe("FORBIDDEN");
    }
  });
}

test.describe("reads follow trial assignments", () => {
  test("the demo regulator reads the trial assigned to them; any other trial answers as one that does not exist", async ({ page, visit }) => {
    await signInViaApi(page, "regulator");
    expect(await visit("/regulator")).toBe(200);
    await expect(page.getByTestId("assigned-trial-row").filter({ hasText: "TP-2026-0002" })).toHaveCount(1);
    await expect(page.getByTestId("assigned-trial-row").filter({ hasText: "TP-2026-0001" })).toHaveCount(0);
    expect((await page.request.get("/api/logs/TP-2026-0002/bundle")).status()).toBe(200);
    const draft = await page.request.get("/api/logs/TP-2026-0001/bundle");
    const missing = await page.request.get("/api/logs/TP-1999-0001/bundle");
    expect(draft.status()).toBe(404);
    expect({ status: draft.status(), body: await draft.text() }).toEqual({
      status: missing.status(),
      body: await missing.text(),
    });
  });

  test("the demo investigator's roster is the trial they are assigned to at their site", async ({ page }) => {
    await signInViaApi(page, "investigator");
    const roster = (await (await page.request.get("/api/site/roster")).json()) as {
      assignments: { publicId: string }[];
      participants: { publicId: string }[];
    };
    expect(roster.assignments.map((a) => a.publicId)).toEqual(["TP-2026-0002"]);
    expect(roster.participants.every((p) => p.publicId === "TP-2026-0002")).toBe(true);
    const elsewhere = await page.request.post("/api/invitations", {
      data: { email: "someone@example.test", trialId: "tri_demo0001", siteOrgId: "org_demosite" },
      headers: { origin: E2E.baseURL },
    });
    expect(elsewhere.status()).toBe(403);
  });
});

test.describe("bad input gets a clear 4xx, never a 500", () => {
  test("malformed and invalid bodies", async ({ page }) => {
    await signInViaApi(page, "investigator");
    const notJson = await page.request.post("/api/invitations", {
      data: Buffer.from("{oops"),
      headers: { "content-type": "application/json", origin: E2E.baseURL },
    });
    expect(notJson.status()).toBe(400);
    expect((await notJson.json()).error.message).toMatch(/JSON/);
    const badEmail = await page.request.post("/api/invitations", {
      data: { email: "not-an-email" },
      headers: { origin: E2E.baseURL },
    });
    expect(badEmail.status()).toBe(422);
    expect((await badEmail.json()).error.fieldErrors).toHaveProperty("email");
    const missing = await page.request.post("/api/invitations", { data: {}, headers: { origin: E2E.baseURL } });
    expect(missing.status()).toBe(422);
  });

  test("role change with missing reason names the field", async ({ page }) => {
    await signInViaApi(page, "admin");
    const res = await page.request.post("/api/admin/roles", {
      data: {
        userId: "usr_demoregulator",
        organizationId: "org_demoregulator",
        role: "regulator",
        change: "grant",
        reason: "",
      },
      headers: { origin: E2E.baseURL },
    });
    expect(res.status()).toBe(422);
    expect((await res.json()).error.fieldErrors).toHaveProperty("reason");
  });

  test("unknown ids are 404, malformed ones a 422 naming the parameter", async ({ page }) => {
    expect((await page.request.get(`/api/invitations/${"A".repeat(43)}`)).status()).toBe(404);
    const malformed = await page.request.get("/api/invitations/short");
    expect(malformed.status()).toBe(422);
    expect((await malformed.json()).error.fieldErrors).toHaveProperty("token");
    const res = await page.goto(`/invite/${"B".repeat(43)}`);
    expect(res?.status()).toBe(404);
    const sign = await page.request.post("/api/auth/sign-in/email", {
      data: { email: 42 },
      headers: { origin: E2E.baseURL },
    });
    expect(sign.status()).toBe(400);
  });
});
