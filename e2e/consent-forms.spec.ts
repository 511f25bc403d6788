import { expect, expectAccessible, signInViaApi, test } from "./fixtures/test";

/**
 * The sponsor admin's consent forms: from the demo trial, a new version of the demo form (cfv_demo0001) is made,
 * a section and a knowledge-check question are edited (an empty field is named at the field by the server's 422),
 * the draft is saved and activated with an ethics approval, and the list shows it active with that approval. The
 * active version opens read-only. axe finds no serious or critical violation on the list and editor pages.
 */
const TRIAL_ID = "tri_demo0002";
const DEMO_VERSION = "cfv_demo0001";

test("a sponsor admin makes, edits and activates a new version of the demo consent form", async ({ page }) => {
  test.setTimeout(120_000);
  await signInViaApi(page, "sponsor");

  // From the trial page to its consent forms: the demo form is active at all sites.
  await page.goto(`/sponsor/trials/${TRIAL_ID}`);
  await page.getByTestId("consent-forms-link").click();
  await page.waitForURL(`**/sponsor/trials/${TRIAL_ID}/consent-forms`);
  await expect(page.getByTestId(`state-${DEMO_VERSION}`)).toHaveText("Active");
  await expect(page.getByTestId(`consent-version-${DEMO_VERSION}`)).toContainText("All sites");
  await expect(page.getByTestId(`approval-${DEMO_VERSION}`)).toContainText("REC-DEMO-0002");
  await expect(page.getByTestId(`signed-${DEMO_VERSION}`)).toHaveText(/^\d+ participants?$/);
  await expectAccessible(page);

  // A new version: a draft copied from version 1, opened in the editor.
  await page.getByTestId(`new-version-${DEMO_VERSION}`).click();
  await page.waitForURL(/\/consent-forms\/cfv_[A-Za-z0-9]+$/);
  const versionId = new URL(page.url()).pathname.split("/").pop()!;
  expect(versionId).not.toBe(DEMO_VERSION);
  await expect(page.getByTestId("version-state")).toHaveText("Draft");
  await expect(page.getByTestId("cf-content-sections-0-title")).toHaveValue("Why are we doing this study?");
  await expectAccessible(page);

  // An empty section title is refused by the server and named at its field.
  await page.getByTestId("cf-content-sections-0-title").fill("");
  await page.getByTestId("save-draft").click();
  await expect(page.getByTestId("save-error")).toBeVisible();
  await expect(page.locator("#cf-content-sections-0-title-error")).toBeVisible();
  await expect(page.getByTestId("cf-content-sections-0-title")).toHaveAttribute("aria-invalid", "true");

  // Edit a section and a question, then save.
  await page.getByTestId("cf-content-sections-0-title").fill("Why is this study being done?");
  await page.getByTestId("cf-content-sections-0-body").fill("We want to learn whether **amlodipine** lowers blood pressure more than a placebo.");
  await page.getByTestId("cf-content-knowledgeCheck-questions-0-prompt").fill("May you stop taking part whenever you wish?");
  await page.getByTestId("save-draft").click();
  await expect(page.getByTestId("save-status")).toHaveText(/^Saved at \d{2}:\d{2} UTC$/);
  await expect(page.getByTestId("save-error")).toHaveCount(0);

  // The edits are stored.
  await page.reload();
  await expect(page.getByTestId("cf-content-sections-0-title")).toHaveValue("Why is this study being done?");
  await expect(page.getByTestId("cf-content-knowledgeCheck-questions-0-prompt")).toHaveValue("May you stop taking part whenever you wish?");

  // Activate with the ethics approval, for all sites: the form says it can never be edited afterwards.
  await page.getByTestId("activate-open").click();
  await expect(page.getByTestId("activation-form")).toContainText("can never be edited");
  await expectAccessible(page);
  await page.getByTestId("cf-ethicsApproval-committee").fill("Riverside Research Ethics Committee (demo)");
  await page.getByTestId("cf-ethicsApproval-reference").fill("REC-DEMO-0002/A1");
  await page.getByTestId("cf-ethicsApproval-approvalDate").fill("2026-11-20");
  await page.getByTestId("cf-sites-all").check();
  await page.getByTestId("activation-submit").click();

  // Listed as active, with its approval and activation time.
  await page.waitForURL(`**/sponsor/trials/${TRIAL_ID}/consent-forms?activated=${versionId}`);
  await expect(page.getByTestId("activation-done")).toBeVisible();
  await expect(page.getByTestId(`state-${versionId}`)).toHaveText("Active");
  await expect(page.getByTestId(`approval-${versionId}`)).toContainText("REC-DEMO-0002/A1");
  await expect(page.getByTestId(`approval-${versionId}`)).toContainText("2026-11-20");
  await expect(page.getByTestId(`consent-version-${versionId}`)).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
  await expect(page.getByTestId(`signed-${versionId}`)).toHaveText("0 participants");
  await expectAccessible(page);

  // The active version opens read-only.
  await page.goto(`/sponsor/trials/${TRIAL_ID}/consent-forms/${versionId}`);
  await expect(page.getByTestId("active-read-only")).toBeVisible();
  await expect(page.getByTestId("cf-content-sections-0-title")).toBeDisabled();
  await expect(page.getByTestId("save-draft")).toHaveCount(0);
  await expectAccessible(page);
});

test("a new consent form names its missing fields, then is created as a draft", async ({ page }) => {
  await signInViaApi(page, "sponsor");
  await page.goto(`/sponsor/trials/${TRIAL_ID}/consent-forms`);
  await page.getByTestId("new-consent-form").click();
  await page.waitForURL(`**/sponsor/trials/${TRIAL_ID}/consent-forms/new`);
  await expectAccessible(page);

  // Nothing filled in: the server's 422 is shown at each field it names.
  await page.getByTestId("save-draft").click();
  await expect(page.getByTestId("save-error")).toBeVisible();
  for (const field of [
    "title",
    "content-sections-0-body",
    "content-knowledgeCheck-questions-0-prompt",
    "content-knowledgeCheck-questions-0-options-1-text",
  ]) {
    await expect(page.locator(`#cf-${field}-error`), field).toBeVisible();
  }
  await expectAccessible(page);

  const fills: [string, string][] = [
    ["title", "Información y consentimiento"],
    ["language", "es"],
    ["content-sections-0-title", "¿Por qué se hace este estudio?"],
    ["content-sections-0-body", "Queremos saber si la **amlodipina** baja la presión arterial."],
    ["content-knowledgeCheck-questions-0-prompt", "¿Puede dejar el estudio cuando quiera?"],
    ["content-knowledgeCheck-questions-0-options-0-text", "Sí"],
    ["content-knowledgeCheck-questions-0-options-1-text", "No"],
    ["content-knowledgeCheck-questions-0-explanation", "La participación es voluntaria."],
  ];
  for (const [field, value] of fills) await page.getByTestId(`cf-${field}`).fill(value);
  await page.getByTestId("save-draft").click();
  await page.waitForURL(/\/consent-forms\/cfv_[A-Za-z0-9]+$/);
  await expect(page.getByTestId("version-state")).toHaveText("Draft");
  await expect(page.getByTestId("cf-title")).toHaveValue("Información y consentimiento");
});
