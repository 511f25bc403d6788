// A participant signs the demo consent form on a phone, with no wallet: reads, leaves and comes back to the same
// section, fails the questions once (the explanation is shown), passes, declines one optional part, reviews the
// whole document, is refused with a wrong password (nothing signed), signs, and then withdraws from further data
// collection. Every page is checked with axe.
import type { Page } from "@playwright/test";
import { E2E } from "./fixtures/e2e-env";
import { expect, expectAccessible, test } from "./fixtures/test";

// The demo's second participant: the demo signs nothing for the personas, and no other spec signs as this one.
const PAULA = { email: "participant2@demo.trialproof.test", name: "Paula Participant" };

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

async function signInAsPaula(page: Page): Promise<void> {
  const res = await page.request.post("/api/auth/sign-in/email", {
    data: { email: PAULA.email, password: E2E.demoPassword },
    headers: { origin: E2E.baseURL },
  });
  expect(res.status(), await res.text()).toBe(200);
}

/** Clicks and waits for the reading position to be saved, so that leaving right after does not lose it. */
async function nextSection(page: Page): Promise<void> {
  const saved = page.waitForResponse((r) => r.url().endsWith("/api/participant/consent/progress") && r.request().method() === "POST");
  await page.getByTestId("reading-next").click();
  expect((await saved).status()).toBe(200);
}

test("a participant reads, resumes, answers, signs and withdraws on a phone", async ({ page, visit }) => {
  test.slow();
  await signInAsPaula(page);

  // The dashboard: status and what to do next.
  expect(await visit("/participant")).toBe(200);
  await expect(page.getByTestId("consent-status")).toHaveText("Enrolled, not yet signed");
  await expect(page.getByTestId("consent-banner")).toContainText("Read and sign");
  await page.getByTestId("consent-banner-action").click();

  // Reading: section by section, a glossary term opens in place, the reminder to read in private.
  await expect(page.getByTestId("reading-position")).toHaveText("Section 1 of 3");
  await expect(page.getByTestId("private-place-reminder")).toBeVisible();
  const term = page.getByTestId("glossary-term-placebo");
  await expect(term).toHaveAttribute("aria-expanded", "false");
  await expect(page.getByTestId("glossary-definition-placebo")).toBeHidden();
  await term.click();
  await expect(term).toHaveAttribute("aria-expanded", "true");
  await expect(page.getByTestId("glossary-definition-placebo")).toContainText("no active ingredient");
  await expectAccessible(page);
  await nextSection(page);
  await expect(page.getByTestId("reading-position")).toHaveText("Section 2 of 3");
  await expect(page.getByTestId("consent-section")).toContainText("What will happen if I take part?");

  // Leave, come back: the same section.
  expect(await visit("/participant")).toBe(200);
  await expect(page.getByTestId("consent-banner")).toContainText("Continue reading");
  await page.getByTestId("consent-banner-action").click();
  await expect(page.getByTestId("reading-position")).toHaveText("Section 2 of 3");
  await expect(page.getByTestId("consent-section")).toContainText("What will happen if I take part?");
  await nextSection(page);
  await expect(page.getByTestId("reading-position")).toHaveText("Section 3 of 3");
  await page.getByTestId("reading-to-check").click();

  // The questions: wrong once (each explanation shown), then right.
  await expect(page.getByTestId("knowledge-check")).toBeVisible();
  await expectAccessible(page);
  await page.getByTestId("answer-q_voluntary-no").check();
  await page.getByTestId("answer-q_visits-start").check();
  await page.getByTestId("check-submit").click();
  await expect(page.getByTestId("check-result")).toHaveAttribute("data-passed", "false");
  await expect(page.getByTestId("explanation-q_voluntary")).toContainText("Taking part is voluntary");
  await expect(page.getByTestId("explanation-q_visits")).toContainText("after 4, 8 and 12 weeks");
  await expectAccessible(page);
  await page.getByTestId("answer-q_voluntary-yes").check();
  await page.getByTestId("answer-q_visits-week_4").check();
  await page.getByTestId("answer-q_visits-week_12").check();
  await page.getByTestId("check-submit").click();
  await expect(page.getByTestId("check-result")).toHaveAttribute("data-passed", "true");
  await expect(page.getByTestId("outcome-q_visits")).toHaveAttribute("data-correct", "true");
  await expectAccessible(page);
  await page.getByTestId("check-continue").click();

  // The optional parts: one accepted, one declined.
  await expect(page.getByTestId("choices-form")).toBeVisible();
  await expectAccessible(page);
  await page.getByTestId("choice-future_contact-accept").check();
  await page.getByTestId("choice-sample_storage-decline").check();
  await page.getByTestId("choices-continue").click();

  // Review: the whole document, the choices and the result of the questions, then the signature.
  await expect(page).toHaveURL(/\/review\?future_contact=accept&sample_storage=decline$/);
  const doc = page.getByTestId("consent-document");
  // (e2e/consent-forms.spec.ts may have activated an edited version 2 of the demo form before this test runs.)
  await expect(doc).toContainText("Taking part is voluntary");
  await expect(page.getByTestId("doc-check")).toContainText("Passed");
  await expect(page.getByTestId("doc-check")).toContainText("after 2 attempts");
  await expect(page.getByTestId("doc-choice-future_contact")).toContainText("I agree");
  await expect(page.getByTestId("doc-choice-sample_storage")).toContainText("I do not agree");
  await expect(page.getByTestId("sign-meaning")).toContainText("I agree to take part in this study");
  await expectAccessible(page);
  await expect(page.getByTestId("sign-submit")).toBeDisabled();
  await page.getByTestId("sign-certify").check();
  await page.getByTestId("sign-name").fill(PAULA.name);
  await page.getByTestId("sign-email").fill(PAULA.email);
  await page.getByTestId("sign-password").fill("not my password");
  await page.getByTestId("sign-submit").click();
  await expect(page.getByTestId("sign-error")).toContainText("Nothing was signed");
  await expect(page.getByTestId("sign-error")).toContainText("The password is not correct.");
  await expectAccessible(page);
  await page.getByTestId("sign-password").fill(E2E.demoPassword);
  await page.getByTestId("sign-submit").click();
  await expect(page.getByTestId("signed")).toContainText(PAULA.name);
  await expect(page.getByTestId("signed-at")).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
  await expectAccessible(page);
  await page.getByTestId("signed-done").click();

  // The dashboard: signed, the version listed; then withdraw from further data collection.
  await expect(page.getByTestId("consent-status")).toHaveText("Signed");
  await expect(page.getByTestId("consent-history")).toContainText(/version \d+/);
  await expect(page.getByTestId("consent-history")).toContainText("I did not agree.");
  await expect(page.getByTestId("consent-history")).toContainText("awaiting the study team's countersignature");
  await expectAccessible(page);
  // The copy: a PDF the participant keeps (its content and attached receipt are checked in tests/api/consent-copy).
  const copy = await page.request.get((await page.getByTestId("consent-copy-link").getAttribute("href"))!);
  expect(copy.status()).toBe(200);
  expect(copy.headers()["content-type"]).toBe("application/pdf");
  expect((await copy.body()).subarray(0, 5).toString()).toBe("%PDF-");
  await page.getByTestId("consent-withdraw-link").click();
  await expect(page.getByTestId("withdraw-form")).toBeVisible();
  await expectAccessible(page);
  await page.getByTestId("withdraw-scope-data_collection").check();
  await page.getByTestId("withdraw-reason").fill("Too many visits for me.");
  await page.getByTestId("withdraw-email").fill(PAULA.email);
  await page.getByTestId("withdraw-password").fill(E2E.demoPassword);
  await page.getByTestId("withdraw-submit").click();
  await expect(page.getByTestId("withdrawn")).toContainText("Further data collection only");
  await expectAccessible(page);
  await page.getByTestId("withdrawn-done").click();
  await expect(page.getByTestId("consent-status")).toHaveText("Withdrawn");
  await expect(page.getByTestId("consent-withdrawals")).toContainText("Further data collection only");
  await expect(page.getByTestId("consent-banner")).toHaveCount(0);
  await expectAccessible(page);
});
