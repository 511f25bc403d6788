import { E2E } from "./fixtures/e2e-env";
import { expect, signInViaApi, test } from "./fixtures/test";

/**
 * The demo's registered trial (lib/db/seed/demo-trial-log.ts): its log is seeded at start and checkpointed on
 * the local chain by the anchoring worker. Record 5 is a participant's consent signature.
 */
const TRIAL = "TP-2026-0002";
const RECORD = 5;
const receiptPath = (index: number | string, trial = TRIAL) => `/api/logs/${trial}/records/${index}/receipt`;
const STEPS = ["format", "trial", "record", "inclusion", "chain", "anchored", "transaction"] as const;

test.describe("receipts verified in the browser", () => {
  test("a receipt downloaded as platform admin verifies on /verify; one flipped proof digit fails it", async ({ page, visit }) => {
    await signInViaApi(page, "admin");

    // Anchoring runs in the background after start: wait until a confirmed checkpoint covers the record.
    let status = 0;
    await expect
      .poll(
        async () => {
          status = (await page.request.get(receiptPath(RECORD))).status();
          return status;
        },
        {
          timeout: 60_000,
          intervals: [1_000],
          message: `no anchored demo record: ${receiptPath(RECORD)} keeps answering ${status} (needs the seeded ${TRIAL} and the anchoring worker)`,
        },
      )
      .toBe(200);
    const download = await page.request.get(receiptPath(RECORD));
    expect(download.headers()["content-disposition"]).toMatch(/^attachment; filename="receipt-TP-2026-0002-5\.json"$/);
    const receipt = await download.json();
    expect(receipt).toMatchObject({ chainId: 31337, leafIndex: RECORD });

    // The record itself, as its page shows it (the page is checked for accessibility on the way).
    expect(await visit(`/records/${TRIAL}/${RECORD}`)).toBe(200);
    await expect(page.getByTestId("anchoring-status")).toContainText("Anchored");
    const envelope = await page.getByTestId("record-envelope").textContent();

    expect(await visit("/verify")).toBe(200);
    const portalCalls: string[] = [];
    page.on("request", (request) => {
      if (request.url().startsWith(`${E2E.baseURL}/api/`)) portalCalls.push(request.url());
    });

    await page.getByTestId("receipt-input").fill(JSON.stringify(receipt, null, 2));
    await page.getByTestId("envelope-input").fill(envelope ?? "");
    await page.getByRole("button", { name: "Verify receipt" }).click();
    await expect(page.getByTestId("verify-verdict")).toHaveAttribute("data-verdict", "verified", { timeout: 20_000 });
    for (const id of STEPS) await expect(page.getByTestId(`verify-step-${id}`), id).toHaveAttribute("data-status", "pass");
    await expect(page.getByText("Verified", { exact: true })).toBeVisible();

    const first: string = receipt.proof[0];
    const flipped = {
      ...receipt,
      proof: [first.slice(0, -1) + (first.endsWith("0") ? "1" : "0"), ...receipt.proof.slice(1)],
    };
    await page.getByTestId("receipt-input").fill(JSON.stringify(flipped, null, 2));
    await page.getByRole("button", { name: "Verify receipt" }).click();
    await expect(page.getByTestId("verify-verdict")).toHaveAttribute("data-verdict", "failed", { timeout: 20_000 });
    await expect(page.getByTestId("verify-step-inclusion")).toHaveAttribute("data-status", "fail");
    await expect(page.getByText("Not verified", { exact: true })).toBeVisible();

    // Both verifications read the chain directly, never through the portal.
    expect(portalCalls).toEqual([]);

    // A consent copy's QR link names its record: that record's receipt verifies there, any other is refused.
    expect(await visit(`/verify?log=${TRIAL}&index=${RECORD}&leaf=${receipt.leafHash}`)).toBe(200);
    await expect(page.getByTestId("linked-record")).toContainText(receipt.leafHash);
    await page.getByTestId("receipt-input").fill(JSON.stringify(receipt, null, 2));
    await page.getByRole("button", { name: "Verify receipt" }).click();
    await expect(page.getByTestId("verify-verdict")).toHaveAttribute("data-verdict", "verified", { timeout: 20_000 });
    const other = `0x${"0".repeat(63)}1`;
    expect(await visit(`/verify?log=${TRIAL}&index=${RECORD}&leaf=${other}`)).toBe(200);
    await page.getByTestId("receipt-input").fill(JSON.stringify(receipt, null, 2));
    await page.getByRole("button", { name: "Verify receipt" }).click();
    await expect(page.getByText(`not the one the link names (${other})`)).toBeVisible();
  });

  test("receipt and bundle downloads: 401 without a session, others' records answer as missing ones, 4xx for bad references", async ({ page }) => {
    expect((await page.request.get(receiptPath(RECORD))).status()).toBe(401);
    expect((await page.request.get(`/api/logs/${TRIAL}/bundle`)).status()).toBe(401);

    await signInViaApi(page, "participant");
    // The demo participant's pseudonym has no records in this trial: every record is someone else's, and answers
    // exactly as a record that does not exist (the bundle is not for participants at all: 403 by role).
    const others = await page.request.get(receiptPath(RECORD));
    const missing = await page.request.get(receiptPath(0, "TP-2026-9999"));
    expect(others.status()).toBe(404);
    expect(await others.text()).toBe(await missing.text());
    expect((await page.request.get(`/api/logs/${TRIAL}/bundle`)).status()).toBe(403);
    expect(await page.goto(`/records/${TRIAL}/${RECORD}`).then((r) => r?.status())).toBe(404);

    await signInViaApi(page, "investigator");
    expect((await page.request.get(receiptPath(RECORD))).status()).toBe(403);

    await signInViaApi(page, "regulator");
    const bundle = await page.request.get(`/api/logs/${TRIAL}/bundle`);
    expect(bundle.status()).toBe(200);
    expect(bundle.headers()["content-disposition"]).toMatch(/^attachment; filename="audit-bundle-TP-2026-0002-\d+\.json"$/);
    const body = await bundle.json();
    expect(body.format).toBe("trialproof.audit-bundle/2");
    expect(body.leaves.map((l: { index: number }) => l.index)).toEqual(body.leaves.map((_: unknown, i: number) => i));

    for (const bad of ["abc", "01", "-1", "1.5"]) {
      const res = await page.request.get(receiptPath(bad));
      expect(res.status(), bad).toBe(422);
      expect((await res.json()).error.fieldErrors, bad).toHaveProperty("index");
    }
    expect((await page.request.get(receiptPath(999_999))).status()).toBe(404);
    expect((await page.request.get(receiptPath(0, "TP-2026-9999"))).status()).toBe(404);
    expect((await page.request.get(`/api/logs/TP-2026-9999/bundle`)).status()).toBe(404);
  });
});

test("the portal's own verification of the demo trial passes against the chain", async ({ page }) => {
  await signInViaApi(page, "regulator");
  await expect
    .poll(async () => (await (await page.request.get(`/api/logs/${TRIAL}/verification`)).json()).checkpoint?.treeSize ?? 0, {
      timeout: 60_000,
      intervals: [1_000],
    })
    .toBeGreaterThan(200);
  const res = await page.request.get(`/api/logs/${TRIAL}/verification`);
  expect(res.status()).toBe(200);
  const result = await res.json();
  expect(result).toMatchObject({ logId: TRIAL, ok: true, failing: [] });
  expect(result.counts.ok).toBeGreaterThan(200);
  // Someone without the role gets 403, and an unknown log 404.
  await signInViaApi(page, "participant");
  expect((await page.request.get(`/api/logs/${TRIAL}/verification`)).status()).toBe(403);
  await signInViaApi(page, "regulator");
  expect((await page.request.get(`/api/logs/TP-2099-9999/verification`)).status()).toBe(404);
});
