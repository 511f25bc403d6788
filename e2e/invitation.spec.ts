import { E2E } from "./fixtures/e2e-env";
import { expect, expectAccessible, signInViaApi, test } from "./fixtures/test";

test("an investigator invites a participant, who accepts once and lands on their record", async ({ page, browser, visit }) => {
  await signInViaApi(page, "investigator");
  expect(await visit("/site")).toBe(200);
  const email = `new.participant.${Date.now()}@example.test`;
  await page.getByLabel(/email/i).first().fill(email);
  await page.getByRole("button", { name: /invite/i }).click();
  const link = (await page.getByTestId("invite-link").textContent())?.trim() ?? "";
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);

  // The participant opens the link in their own browser, without a session.
  const context = await browser.newContext({ baseURL: E2E.baseURL });
  const guest = await context.newPage();
  const res = await guest.goto(link);
  expect(res?.status()).toBe(200);
  await expectAccessible(guest);
  await expect(guest.getByText("Riverside Clinical Research Site")).toBeVisible();
  await guest.getByTestId("invite-name").fill("Nia Newcomer");
  await guest.getByTestId("invite-password").fill("a-strong-password-123");
  await guest.getByTestId("invite-password-confirm").fill("a-strong-password-123");
  await guest.getByTestId("invite-submit").click();
  await guest.waitForURL("**/participant");
  await expect(guest.getByText(/ppt_[0-9a-f]{24}/)).toBeVisible();
  await expectAccessible(guest);

  // The link is single-use.
  const again = await guest.request.post(`${new URL(link).pathname}/accept`.replace("/invite/", "/api/invitations/"), {
    data: { name: "Someone Else", password: "another-password-123" },
    headers: { origin: E2E.baseURL },
  });
  expect(again.status()).toBe(410);
  await context.close();

  // The site sees the invitation as accepted.
  await visit("/site");
  await expect(page.getByText(email)).toBeVisible();
});
