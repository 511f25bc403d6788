import { E2E, PERSONAS, type PersonaKey } from "./fixtures/e2e-env";
import { expect, test } from "./fixtures/test";

test.describe("sign-in with email and password", () => {
  for (const who of Object.keys(PERSONAS) as PersonaKey[]) {
    test(`${who} signs in through the form and lands on their role's page`, async ({ page, visit }) => {
      expect(await visit("/sign-in")).toBe(200);
      await page.getByTestId("signin-email").fill(PERSONAS[who].email);
      await page.getByTestId("signin-password").fill(E2E.demoPassword);
      await page.getByTestId("signin-submit").click();
      await page.waitForURL((url) => url.pathname === PERSONAS[who].home, { timeout: 20_000 });
      await expect(page.getByRole("heading", { level: 1 })).toContainText(PERSONAS[who].heading);
      expect(await visit(PERSONAS[who].home)).toBe(200);
      expect(await visit("/account")).toBe(200);
      await expect(page.getByText(PERSONAS[who].email)).toBeVisible();
    });
  }

  test("a wrong password shows the server's message and opens no session", async ({ page, visit }) => {
    await visit("/sign-in");
    await page.getByTestId("signin-email").fill(PERSONAS.sponsor.email);
    await page.getByTestId("signin-password").fill("definitely-not-the-password");
    await page.getByTestId("signin-submit").click();
    await expect(page.getByTestId("signin-error")).toContainText(/invalid/i);
    const me = await page.request.get("/api/me");
    expect(me.status()).toBe(401);
  });

  test("the embedded demo lists its personas on the sign-in page", async ({ page, visit }) => {
    await visit("/sign-in");
    for (const who of Object.values(PERSONAS)) await expect(page.getByText(who.email).first()).toBeVisible();
  });

  test("signing out ends the session on the server", async ({ page, visit, request }) => {
    await visit("/sign-in");
    await page.getByTestId("signin-email").fill(PERSONAS.regulator.email);
    await page.getByTestId("signin-password").fill(E2E.demoPassword);
    await page.getByTestId("signin-submit").click();
    await page.waitForURL("**/regulator");
    await visit("/account");
    // The browser drops its cookie at sign-out; the server must refuse it too, replayed from elsewhere.
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    expect((await request.get("/api/me", { headers: { cookie } })).status()).toBe(200);
    await page.getByRole("button", { name: /^sign out$/i }).click();
    // The button reloads on the home page once the server has ended the session: wait for that page, signed
    // out, so the test does not end (and tear its page down) in the middle of that navigation.
    await page.waitForURL((url) => url.pathname === "/");
    await expect(page.getByTestId("header-sign-in")).toBeVisible();
    expect((await request.get("/api/me", { headers: { cookie } })).status()).toBe(401);
  });
});
