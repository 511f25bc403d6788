import { E2E, PERSONAS } from "./fixtures/e2e-env";
import { installInjectedTestWallet } from "./fixtures/injected-test-wallet";
import { expect, test } from "./fixtures/test";

test("an injected wallet connects through wagmi and signs in with Ethereum (SIWE, verified on the server)", async ({ page, context, visit }) => {
  await installInjectedTestWallet(context, { rpcUrl: E2E.rpcUrl, account: PERSONAS.sponsor.wallet });
  expect(await visit("/sign-in")).toBe(200);
  await page.getByTestId("siwe-button").click();
  // Depending on the connect menu, pick the injected (browser) wallet if asked.
  const injected = page.getByRole("button", { name: /injected|browser wallet/i });
  if (
    await injected
      .first()
      .isVisible()
      .catch(() => false)
  )
    await injected.first().click();
  await page.waitForURL("**/sponsor", { timeout: 30_000 });
  const me = await (await page.request.get("/api/me")).json();
  expect(me.roles).toContain("sponsor_admin");
  expect(me.wallets.map((w: string) => w.toLowerCase())).toContain(PERSONAS.sponsor.wallet.toLowerCase());
  await expect(page.getByTestId("wallet-address")).toContainText(/0x7099/i);
  await expect(page.getByTestId("wallet-chain")).toContainText(/31337|hardhat/i);
});

test("a wallet on the wrong network is prompted to switch", async ({ page, context, visit }) => {
  await installInjectedTestWallet(context, { rpcUrl: E2E.rpcUrl, account: PERSONAS.sponsor.wallet, chainId: 1 });
  await visit("/");
  await page.getByTestId("wallet-connect").click();
  await page
    .getByRole("button", { name: /injected|browser wallet/i })
    .first()
    .click();
  await expect(page.getByTestId("wallet-switch")).toBeVisible();
  await page.getByTestId("wallet-switch").click();
  await expect(page.getByTestId("wallet-chain")).toContainText(/31337|hardhat/i);
  await expect(page.getByTestId("wallet-switch")).toBeHidden();
});

test("the dev wallet connects on the local chain 31337 without any extension", async ({ page, visit }) => {
  await visit("/");
  await page.getByTestId("wallet-connect").click();
  await page
    .getByRole("button", { name: /dev wallet/i })
    .first()
    .click();
  await expect(page.getByTestId("wallet-address")).toContainText(/0x/);
  await expect(page.getByTestId("wallet-chain")).toContainText(/31337|hardhat/i);
  await page.getByTestId("wallet-disconnect").click();
  await expect(page.getByTestId("wallet-connect")).toBeVisible();
});
