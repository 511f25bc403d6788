import type { Page } from "@playwright/test";
import { DEMO_REGISTERED_PROTOCOL, DEMO_REGISTERED_TRIAL } from "../lib/db/seed/demo-data";
import { E2E, PERSONAS } from "./fixtures/e2e-env";
import { installInjectedTestWallet } from "./fixtures/injected-test-wallet";
import { expect, expectAccessible, signInViaApi, test } from "./fixtures/test";

/**
 * One audit path: a sponsor amends the registered demo trial's protocol from their wallet, and the platform admin
 * finds exactly that amendment in the admin audit trail, filtered by kind (and trial), with who made it. A filter
 * the server cannot read is a message on the page, not an error page.
 */
const TRIAL = DEMO_REGISTERED_TRIAL;

async function signWithWallet(page: Page) {
  const connect = page.getByTestId("commit-wallet-connector-injected");
  const connected = page.getByTestId("commit-wallet-address");
  await expect(connect.or(connected)).toBeVisible();
  if (await connect.isVisible()) await connect.click();
  await expect(connected).toContainText(/0x7099/i);
  await page.getByTestId("commit-sign").click();
  await expect(page.getByTestId("commit-done")).toBeVisible({ timeout: 45_000 });
}

test("the platform admin finds a sponsor's protocol amendment in the audit trail, filtered by kind", async ({ page, context, visit }) => {
  test.setTimeout(120_000);
  const reason = `Sample size recalculated after the interim review (${Date.now()})`;

  // The sponsor: a changed draft, then "Amend" with a reason, signed from their own wallet.
  await installInjectedTestWallet(context, { rpcUrl: E2E.rpcUrl, account: PERSONAS.sponsor.wallet });
  await signInViaApi(page, "sponsor");
  const draft = await page.request.put(`/api/sponsor/trials/${TRIAL.id}/draft`, {
    data: { data: { ...DEMO_REGISTERED_PROTOCOL, targetSampleSize: "48" } },
    headers: { origin: E2E.baseURL },
  });
  expect(draft.status(), await draft.text()).toBe(200);
  expect(await visit(`/sponsor/trials/${TRIAL.id}`)).toBe(200);
  await expect(page.getByTestId("protocol-targetSampleSize")).toHaveValue("48");
  await page.getByTestId("amend-submit").click();
  await expect(page.getByTestId("amend-reason-required")).toBeVisible();
  await page.getByTestId("amend-reason").fill(reason);
  await page.getByTestId("amend-submit").click();
  await expect(page.getByTestId("awaiting-signature")).toBeVisible();
  await expect(page.getByTestId("commit-version")).toHaveText("2");
  await signWithWallet(page);
  await expect(page.locator('[data-testid="sponsor-version-row"][data-chain-state="confirmed"]')).toHaveCount(2);

  // The platform admin: the trail filtered by kind and trial shows protocol versions only, the amendment among them.
  await signInViaApi(page, "admin");
  expect(await visit("/admin")).toBe(200);
  await page.getByTestId("audit-filter-kind").selectOption("protocol.version");
  await page.getByTestId("audit-filter-trial").fill(TRIAL.publicId);
  await page.getByTestId("audit-filter-submit").click();
  await page.waitForURL(/[?&]kind=protocol\.version/);
  const rows = page.getByTestId("audit-row");
  await expect(rows.first()).toBeVisible();
  await expect(page.locator('[data-testid="audit-row"]:not([data-kind="protocol.version"])')).toHaveCount(0);
  await expect(page.locator(`[data-testid="audit-row"]:not([data-trial="${TRIAL.publicId}"])`)).toHaveCount(0);
  const amendment = rows.filter({ hasText: reason });
  await expect(amendment).toHaveCount(1);
  await expect(amendment).toContainText("Sofia Sponsor");
  await expect(amendment).toContainText("Sponsor admin");
  await expect(page.getByTestId("audit-filter-kind")).toHaveValue("protocol.version");
  await expectAccessible(page);

  // Another kind does not show it.
  await page.getByTestId("audit-filter-kind").selectOption("protocol.status");
  await page.getByTestId("audit-filter-submit").click();
  await page.waitForURL(/[?&]kind=protocol\.status/);
  await expect(page.getByTestId("audit-row").filter({ hasText: reason })).toHaveCount(0);

  // A filter the server cannot read: the page answers 200 with a message naming it.
  expect(await visit("/admin?kind=protocol.nonsense&from=2026-02-30")).toBe(200);
  await expect(page.getByTestId("audit-filter-error")).toContainText(/Kind must be one of/);
  await expect(page.getByTestId("audit-filter-error")).toContainText(/From must be a UTC day/);
});
