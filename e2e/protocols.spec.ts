import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { E2E, PERSONAS } from "./fixtures/e2e-env";
import { installInjectedTestWallet } from "./fixtures/injected-test-wallet";
import { expect, expectAccessible, signInViaApi, test } from "./fixtures/test";
import { LOCAL_TEST_ACCOUNTS } from "../lib/web3/local-test-accounts";
import { allowTestWalletRejection, connectCommitWallet, fill, fillProtocol, signWithWallet } from "./protocol-steps";
import { tamperEmbeddedAndVerify } from "./protocol-tamper-embedded";

/**
 * The whole protocol journey: a sponsor drafts a protocol (autosaved), registers it from their own wallet (the
 * injected test wallet signs on the local chain), amends it with a reason; the public page shows both versions,
 * the diff and the on-chain status, and "Verify" (in the browser, against the chain) passes. A sponsor who prepared
 * the wrong amendment discards it and signs the right one.
 *
 * The tampering case (a direct SQL edit of the stored record, then Verify names the version) needs a database the
 * test can reach besides the server: PostgreSQL (DATABASE_URL, as in CI; scripts/serve.ts --fresh writes the fresh
 * database's URL to .test-data/e2e-database-url). With the embedded PGlite the server process owns the database
 * exclusively: there the test runs its own portal instance on a PGlite directory and its own chain node, stops
 * the portal, edits the directory as its owner, and starts the portal again on the same chain.
 */
const DATABASE_URL_FILE = path.resolve(process.cwd(), ".test-data/e2e-database-url");

let publicId = "";
let trialId = "";

test.describe.serial("protocol registration from the sponsor's wallet", () => {
  test("a sponsor drafts, registers and amends with a reason; the public page shows both versions, the diff and Verify passes", async ({
    page,
    context,
    browser,
    visit,
  }) => {
    test.setTimeout(180_000);
    await installInjectedTestWallet(context, { rpcUrl: E2E.rpcUrl, account: PERSONAS.sponsor.wallet });
    await allowTestWalletRejection(context);
    await signInViaApi(page, "sponsor");

    // New trial → its editor.
    expect(await visit("/sponsor")).toBe(200);
    await fill(page, "new-trial-title", "Aspirin after knee replacement (e2e)");
    await page.getByTestId("new-trial-submit").click();
    await page.waitForURL(/\/sponsor\/trials\/[^/]+$/, { timeout: 20_000 });
    const editorUrl = page.url();
    await expect(page.getByTestId("trial-public-id")).toHaveText(/^TP-\d{4}-\d{4,}$/);
    publicId = (await page.getByTestId("trial-public-id").textContent())!.trim();
    trialId = decodeURIComponent(new URL(editorUrl).pathname.split("/").pop()!);
    await expectAccessible(page);

    // An outcome without a time frame is refused, at the field, before anything is sent.
    await fillProtocol(page, { withTimeFrame: false });
    await page.getByTestId("register-submit").click();
    await expect(page.getByTestId("protocol-errors")).toBeVisible();
    await expect(page.locator("#protocol-primaryOutcomes-0-timeFrame-error")).toContainText(/time frame/i);
    await expect(page.getByTestId("awaiting-signature")).toHaveCount(0);
    await fill(page, "protocol-primaryOutcomes-0-timeFrame", "90 days after surgery");

    // Autosave, and the draft survives a reload.
    await expect(page.getByTestId("autosave-status")).toHaveText(/^Saved at \d{2}:\d{2} UTC$/, { timeout: 15_000 });
    await page.reload();
    await expect(page.getByTestId("protocol-primaryOutcomes-0-timeFrame")).toHaveValue("90 days after surgery");
    await expect(page.getByTestId("protocol-publicTitle")).toHaveValue("Low-dose aspirin after knee replacement");

    // Register: the exact commitment is shown, and it waits for the sponsor's signature (also after a reload).
    await page.getByTestId("register-submit").click();
    await expect(page.getByTestId("awaiting-signature")).toBeVisible();
    await expect(page.getByTestId("commit-protocol-hash")).toHaveText(/^0x[0-9a-f]{64}$/);
    await expect(page.getByTestId("commit-summary")).toContainText("Low-dose aspirin");
    await page.goto(editorUrl);
    await expect(page.getByTestId("awaiting-signature")).toBeVisible();
    await expect(page.getByTestId("trial-status")).toHaveText(/awaiting signature/i);
    // Not public yet.
    expect((await page.request.get(`/api/trials/${publicId}`)).status()).toBe(404);
    await expectAccessible(page);

    // A rejected signature: a clear message, nothing registered, and the signature can be given later.
    await connectCommitWallet(page);
    await expect(page.getByTestId("commit-wallet-address")).toContainText(/0x7099/i);
    await page.evaluate(() => ((window as unknown as { __testWalletRejectNext: boolean }).__testWalletRejectNext = true));
    await page.getByTestId("commit-sign").click();
    await expect(page.getByTestId("commit-error")).toContainText(/rejected/i);
    await expect(page.getByTestId("awaiting-signature")).toBeVisible();
    await page.reload();
    await expect(page.getByTestId("trial-status")).toHaveText(/awaiting signature/i);
    await expect(page.getByTestId("awaiting-signature")).toBeVisible();
    expect((await page.request.get(`/api/trials/${publicId}`)).status()).toBe(404);

    await signWithWallet(page);
    await expect(page.locator('[data-testid="sponsor-version-row"][data-chain-state="confirmed"]')).toHaveCount(1);

    // Amend: an outcome changes, with a required reason.
    await fill(page, "protocol-primaryOutcomes-0-timeFrame", "180 days after surgery");
    await expect(page.getByTestId("amendment-outcomes-changed")).toBeVisible();
    await expect(page.locator('[data-testid="amendment-change"][data-field="primaryOutcomes.0.timeFrame"]')).toContainText("180 days after surgery");
    await page.getByTestId("amend-submit").click();
    await expect(page.getByTestId("amend-reason-required")).toBeVisible();
    await fill(page, "amend-reason", "Ethics committee asked for longer follow-up");
    await page.getByTestId("amend-submit").click();
    await expect(page.getByTestId("awaiting-signature")).toBeVisible();
    await expect(page.getByTestId("commit-version")).toHaveText("2");

    // Another wallet (on the wrong network first) cannot amend: the switch is offered, and the chain's NotSponsor
    // revert is shown in words before anything is sent.
    {
      const other = await browser.newContext();
      await installInjectedTestWallet(other, { rpcUrl: E2E.rpcUrl, account: LOCAL_TEST_ACCOUNTS[5], chainId: 1 });
      const otherPage = await other.newPage();
      await signInViaApi(otherPage, "sponsor");
      await otherPage.goto(editorUrl);
      await connectCommitWallet(otherPage);
      await expect(otherPage.getByTestId("commit-wrong-chain")).toBeVisible();
      await expect(otherPage.getByTestId("commit-sign")).toBeDisabled();
      await otherPage.getByTestId("commit-switch-chain").click();
      await expect(otherPage.getByTestId("commit-wrong-chain")).toBeHidden();
      await otherPage.getByTestId("commit-sign").click();
      await expect(otherPage.getByTestId("commit-error")).toContainText(/not this trial's sponsor on chain/i);
      await other.close();
    }
    await page.reload();
    await expect(page.getByTestId("awaiting-signature")).toBeVisible();
    await signWithWallet(page);
    await expect(page.locator('[data-testid="sponsor-version-row"][data-chain-state="confirmed"]')).toHaveCount(2);

    // Status change and a site: records in the log.
    await page.getByTestId("status-select").selectOption("recruiting");
    await page.getByTestId("status-submit").click();
    await expect(page.getByText("Status changed.")).toBeVisible();
    await expect(page.getByTestId("trial-status")).toHaveText(/recruiting/i);
    await page.getByTestId("add-site-input").selectOption("org_demosite");
    await page.getByTestId("add-site-submit").click();
    await expect(page.getByText("Site added.")).toBeVisible();
    await page.getByTestId("add-site-input").selectOption("org_demosite");
    await page.getByTestId("add-site-submit").click();
    await expect(page.getByRole("alert").filter({ hasText: /already a site/i })).toBeVisible();
    await page.getByTestId("assign-regulator-input").selectOption("usr_demoregulator");
    await page.getByTestId("assign-regulator-submit").click();
    await expect(page.getByText("Regulator assigned.")).toBeVisible();

    // The sponsor invites a site investigator; the invitee accepts in their own browser and lands on the site page.
    await page.getByTestId("site-invite-site").selectOption("org_demosite");
    await fill(page, "site-invite-email", `site.investigator.${Date.now()}@example.test`);
    await page.getByTestId("site-invite-submit").click();
    const inviteLink = ((await page.getByTestId("site-invite-link").textContent()) ?? "").trim();
    expect(inviteLink).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
    const invitee = await browser.newContext({ baseURL: E2E.baseURL });
    const inviteePage = await invitee.newPage();
    expect((await inviteePage.goto(inviteLink))?.status()).toBe(200);
    await inviteePage.getByTestId("invite-name").fill("Sam Site-Investigator");
    await inviteePage.getByTestId("invite-password").fill("a-strong-password-456");
    await inviteePage.getByTestId("invite-password-confirm").fill("a-strong-password-456");
    await inviteePage.getByTestId("invite-submit").click();
    await inviteePage.waitForURL("**/site");
    await expectAccessible(inviteePage);
    await invitee.close();

    // The public page.
    expect(await visit(`/trials/${publicId}`)).toBe(200);
    await expect(page.getByTestId("timeline-version")).toHaveCount(2);
    await expect(page.locator('[data-testid="timeline-version"][data-version="2"] [data-testid="timeline-reason"]')).toContainText(
      "Ethics committee asked for longer follow-up",
    );
    for (const v of ["1", "2"]) {
      await expect(page.locator(`[data-testid="timeline-version"][data-version="${v}"] [data-testid="timeline-tx"]`)).toHaveText(/^0x[0-9a-f]{64}$/);
      await expect(page.locator(`[data-testid="timeline-version"][data-version="${v}"] [data-testid="timeline-block"]`)).toHaveText(/^\d+$/);
    }
    await expect(page.getByTestId("chain-sponsor")).toHaveText(new RegExp(PERSONAS.sponsor.wallet, "i"));
    await expect(page.getByTestId("diff-outcomes-changed")).toBeVisible();
    const outcomeRow = page.locator('[data-testid="diff-row"][data-field="primaryOutcomes.0.timeFrame"]');
    await expect(outcomeRow).toHaveAttribute("data-outcome", "true");
    await expect(outcomeRow).toContainText("180 days after surgery");

    // Exports.
    expect((await page.request.get(`/api/trials/${publicId}/fhir`)).status()).toBe(200);
    const envelope = await (await page.request.get(`/api/trials/${publicId}/versions/2/envelope`)).json();
    expect(envelope).toMatchObject({ kind: "protocol.version", trial: publicId, body: { version: 2 } });

    // Verify runs in the browser; the commitments are read from the chain, not through the portal.
    const chainCalls: string[] = [];
    page.on("request", (r) => {
      if (r.url().startsWith(E2E.rpcUrl)) chainCalls.push(r.url());
    });
    await page.getByTestId("protocol-verify").click();
    await expect(page.getByTestId("protocol-verify-verdict")).toHaveAttribute("data-verdict", "verified", {
      timeout: 20_000,
    });
    await expect(page.getByTestId("protocol-verify-version-1")).toHaveAttribute("data-ok", "true");
    await expect(page.getByTestId("protocol-verify-version-2")).toHaveAttribute("data-ok", "true");
    expect(chainCalls.length).toBeGreaterThan(0);

    // The registry lists it.
    expect(await visit(`/trials?q=${encodeURIComponent("aspirin")}`)).toBe(200);
    await expect(page.getByRole("link", { name: publicId })).toBeVisible();
    await page.getByTestId("registry-phase").selectOption("phase_3");
    await page.getByTestId("registry-country").fill("FR");
    await page.getByTestId("registry-submit").click();
    await page.waitForURL(/phase=phase_3/);
    await expect(page.getByRole("link", { name: publicId })).toBeVisible();
    await page.goto(`/trials?q=aspirin&country=JP`);
    await expect(page.getByRole("link", { name: publicId })).toHaveCount(0);
  });

  test("a sponsor who prepared the wrong amendment discards it, prepares the right one and signs it", async ({ page, context, visit }) => {
    test.setTimeout(120_000);
    expect(trialId, "the registration test must have run first").not.toBe("");
    await installInjectedTestWallet(context, { rpcUrl: E2E.rpcUrl, account: PERSONAS.sponsor.wallet });
    await signInViaApi(page, "sponsor");
    expect(await visit(`/sponsor/trials/${encodeURIComponent(trialId)}`)).toBe(200);

    // The wrong amendment: prepared, awaiting signature, the draft locked.
    await fill(page, "protocol-targetSampleSize", "2400");
    await fill(page, "amend-reason", "More participants");
    await page.getByTestId("amend-submit").click();
    await expect(page.getByTestId("commit-version")).toHaveText("3");
    const wrongHash = (await page.getByTestId("commit-protocol-hash").textContent())!.trim();
    await expect(page.getByTestId("protocol-targetSampleSize")).toBeDisabled();

    // Discarding asks for confirmation and a reason; "Keep it" changes nothing.
    await page.getByTestId("discard-open").click();
    await expect(page.getByTestId("discard-confirm")).toBeDisabled();
    await page.getByTestId("discard-cancel").click();
    await expect(page.getByTestId("awaiting-signature")).toBeVisible();
    await page.getByTestId("discard-open").click();
    await fill(page, "discard-reason", "Typed 2400 instead of 300");
    await expectAccessible(page);
    await page.getByTestId("discard-confirm").click();
    await expect(page.getByTestId("discard-done")).toBeVisible();
    await expect(page.getByTestId("awaiting-signature")).toHaveCount(0);
    await expect(page.locator('[data-testid="discarded-version-row"][data-state="discarded"]')).toContainText(wrongHash);
    await expect(page.getByTestId("protocol-targetSampleSize")).toBeEnabled();
    await expect(page.getByTestId("protocol-targetSampleSize")).toHaveValue("2400");

    // The right one, signed and confirmed: version 3 is the corrected protocol, the discarded one is nowhere.
    await fill(page, "protocol-targetSampleSize", "300");
    await fill(page, "amend-reason", "More participants");
    await page.getByTestId("amend-submit").click();
    await expect(page.getByTestId("commit-version")).toHaveText("3");
    await expect(page.getByTestId("commit-protocol-hash")).not.toHaveText(wrongHash);
    await signWithWallet(page);
    await expect(page.locator('[data-testid="sponsor-version-row"][data-chain-state="confirmed"]')).toHaveCount(3);

    const trial = await (await page.request.get(`/api/trials/${publicId}`)).json();
    expect(trial.versions.map((v: { version: number }) => v.version)).toEqual([1, 2, 3]);
    expect(trial.versions[2].protocol.targetSampleSize).toBe("300");
    expect(trial.versions.some((v: { leafHash: string }) => v.leafHash === wrongHash)).toBe(false);
    expect(await visit(`/trials/${publicId}`)).toBe(200);
    await page.getByTestId("protocol-verify").click();
    await expect(page.getByTestId("protocol-verify-verdict")).toHaveAttribute("data-verdict", "verified", {
      timeout: 20_000,
    });
    await expect(page.getByTestId("protocol-verify-version-3")).toHaveAttribute("data-ok", "true");
  });

  test("only sponsor admins reach the editor and its actions; an unknown trial is 404", async ({ page }) => {
    expect(trialId, "the registration test must have run first").not.toBe("");
    const base = `/api/sponsor/trials/${encodeURIComponent(trialId)}`;
    await signInViaApi(page, "investigator");
    expect((await page.request.get(base)).status()).toBe(403);
    expect((await page.request.put(`${base}/draft`, { data: { data: {} }, headers: { origin: E2E.baseURL } })).status()).toBe(403);
    expect((await page.request.post(`${base}/amendments`, { data: { reason: "x" }, headers: { origin: E2E.baseURL } })).status()).toBe(403);
    expect(
      (
        await page.request.post(`${base}/pending-version/discard`, {
          data: { protocolHash: `0x${"1".repeat(64)}`, reason: "x" },
          headers: { origin: E2E.baseURL },
        })
      ).status(),
    ).toBe(403);
    expect((await page.goto(`/sponsor/trials/${encodeURIComponent(trialId)}`))?.status()).toBe(403);
    await signInViaApi(page, "sponsor");
    expect((await page.goto("/sponsor/trials/tri_doesnotexist"))?.status()).toBe(404);
  });

  test("after a direct SQL edit of a registered protocol record, Verify fails and names the version", async ({ page }) => {
    if (!process.env.DATABASE_URL) {
      // The embedded PGlite belongs to the server process: edit it while a second portal instance is stopped.
      await tamperEmbeddedAndVerify(page);
      return;
    }
    expect(publicId, "the registration test must have run first").not.toBe("");
    expect(existsSync(DATABASE_URL_FILE), `${DATABASE_URL_FILE} (written by scripts/serve.ts --fresh)`).toBe(true);
    const trial = await (await page.request.get(`/api/trials/${publicId}`)).json();
    const leafIndex: number = trial.versions.find((v: { version: number }) => v.version === 2).leafIndex;

    const sql = postgres(readFileSync(DATABASE_URL_FILE, "utf8").trim(), { max: 1, onnotice: () => {} });
    try {
      // As the database owner: switch the append-only triggers off, edit the stored record, restore each trigger
      // exactly as it was.
      const triggers = await sql<{ tgname: string; tgenabled: string }[]>`
        SELECT tgname, tgenabled FROM pg_trigger WHERE tgrelid = 'log_envelope'::regclass AND NOT tgisinternal`;
      await sql.unsafe("ALTER TABLE log_envelope DISABLE TRIGGER USER");
      try {
        const updated = await sql`
          UPDATE log_envelope
             SET envelope = jsonb_set(envelope, '{body,protocol,primaryOutcomes,0,timeFrame}', '"90 days after surgery"')
           WHERE log_id = ${publicId} AND idx = ${leafIndex}`;
        expect(updated.count).toBe(1);
      } finally {
        for (const t of triggers) {
          const mode = t.tgenabled === "A" ? "ENABLE ALWAYS" : t.tgenabled === "R" ? "ENABLE REPLICA" : t.tgenabled === "D" ? "DISABLE" : "ENABLE";
          await sql.unsafe(`ALTER TABLE log_envelope ${mode} TRIGGER "${t.tgname.replace(/"/g, '""')}"`);
        }
      }
    } finally {
      await sql.end();
    }

    await page.goto(`/trials/${publicId}`);
    await page.getByTestId("protocol-verify").click();
    const verdict = page.getByTestId("protocol-verify-verdict");
    await expect(verdict).toHaveAttribute("data-verdict", "failed", { timeout: 20_000 });
    await expect(verdict).toHaveAttribute("data-failing", "2");
    await expect(verdict).toContainText("Version 2 does not match the sponsor's commitment on chain.");
    await expect(page.getByTestId("protocol-verify-version-1")).toHaveAttribute("data-ok", "true");
    await expect(page.getByTestId("protocol-verify-version-2").getByTestId("protocol-verify-step-match")).toHaveAttribute("data-status", "fail");
  });
});
