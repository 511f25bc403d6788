import { expect, test } from "./fixtures/test";

test("the portal is up with its database, chain and deployed contract", async ({ page }) => {
  const res = await page.request.get("/api/health");
  expect(res.status()).toBe(200);
  const health = await res.json();
  expect(health).toMatchObject({ ok: true, database: true, chainId: 31337, contractDeployed: true });
  expect(health.contract).toMatch(/^0x[0-9a-fA-F]{40}$/);
});

test("public pages are reachable and accessible", async ({ visit }) => {
  for (const path of ["/", "/sign-in", "/trials", "/verify"]) expect(await visit(path), path).toBe(200);
});

test("an unknown page is a 404", async ({ visit }) => {
  expect(await visit("/no-such-page")).toBe(404);
});
