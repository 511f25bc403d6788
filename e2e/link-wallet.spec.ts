import { LOCAL_TEST_ACCOUNTS } from "../lib/web3/local-test-accounts";
import { E2E, PERSONAS } from "./fixtures/e2e-env";
import { installInjectedTestWallet } from "./fixtures/injected-test-wallet";
import { expect, signInViaApi, test } from "./fixtures/test";

// Test accounts no persona and no other spec uses.
const INVESTIGATOR_WALLET = LOCAL_TEST_ACCOUNTS[7];
const UNKNOWN_WALLET = LOCAL_TEST_ACCOUNTS[8];

async function chooseInjectedWalletIfAsked(page: import("@playwright/test").Page) {
  const injected = page.getByRole("button", { name: /injected|browser wallet/i });
  if (
    await injected
      .first()
      .isVisible()
      .catch(() => false)
  )
    await injected.first().click();
}

test("a wallet that is not linked to an account cannot sign in, and nothing is created for it", async ({ page, context, visit }) => {
  await installInjectedTestWallet(context, { rpcUrl: E2E.rpcUrl, account: UNKNOWN_WALLET });
  expect(await visit("/sign-in")).toBe(200);
  await page.getByTestId("siwe-button").click();
  await chooseInjectedWalletIfAsked(page);
  await expect(page.getByTestId("siwe-error")).toContainText(/not linked to a TrialProof account/i);
  await expect(page.getByTestId("siwe-error")).toContainText(/account page/i);
  expect((await page.request.get("/api/me")).status()).toBe(401);
});

test("an investigator links a wallet on the account page, then signs in with it", async ({ page, context, visit }) => {
  await installInjectedTestWallet(context, { rpcUrl: E2E.rpcUrl, account: INVESTIGATOR_WALLET });
  await signInViaApi(page, "investigator");
  expect(await visit("/account")).toBe(200);
  await page.getByTestId("link-wallet-button").click();
  await chooseInjectedWalletIfAsked(page);
  await expect(page.getByTestId("link-wallet-done")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("account-wallets")).toContainText(INVESTIGATOR_WALLET);
  const me = await (await page.request.get("/api/me")).json();
  expect(me.wallets.map((w: string) => w.toLowerCase())).toContain(INVESTIGATOR_WALLET.toLowerCase());

  // A new browser session: the linked wallet now signs in to the investigator's account.
  await context.clearCookies();
  expect(await visit("/sign-in")).toBe(200);
  await page.getByTestId("siwe-button").click();
  await chooseInjectedWalletIfAsked(page);
  await page.waitForURL((url) => url.pathname === PERSONAS.investigator.home, { timeout: 30_000 });
  const again = await (await page.request.get("/api/me")).json();
  expect(again.roles).toContain("investigator");
});

test("a wallet linked to someone else is refused in words", async ({ page, context, visit }) => {
  await installInjectedTestWallet(context, { rpcUrl: E2E.rpcUrl, account: PERSONAS.sponsor.wallet });
  await signInViaApi(page, "participant");
  expect(await visit("/account")).toBe(200);
  await page.getByTestId("link-wallet-button").click();
  await chooseInjectedWalletIfAsked(page);
  await expect(page.getByTestId("link-wallet-error")).toContainText(/already linked to another TrialProof account/i, {
    timeout: 30_000,
  });
  const me = await (await page.request.get("/api/me")).json();
  expect(me.wallets).toEqual([]);
});
