import type { Page } from "@playwright/test";
import { E2E, PERSONAS } from "./fixtures/e2e-env";
import { expect, expectAccessible, signInViaApi, test } from "./fixtures/test";

// The investigator's outcome pages on the demo: Pat (participant1) signs the demo consent form through the API and
// the investigator countersigns, so data may be recorded for Pat. The investigator then records a value from the
// participant's page (a malformed value is a 422 named under its field), corrects it with a reason ("other" needs
// words), sees the original struck through with who, when and why, and is refused (409, in words) for a participant
// without valid consent. Every page passes the accessibility scan.
const PAT = "ppt_demoparticipant1";
const PAULA = "ppt_demoparticipant2";
const headers = { origin: E2E.baseURL };

async function consentAndCountersign(page: Page): Promise<void> {
  await signInViaApi(page, "participant");
  // The current version of the demo form (e2e/consent-forms.spec.ts may have activated a new one; its answers are the same).
  const forms = (await (await page.request.get("/api/participant/consent")).json()) as { forms: { id: string }[] };
  const FORM = forms.forms[0]!.id;
  const check = await page.request.post("/api/participant/consent/knowledge-check", {
    headers,
    data: { formVersionId: FORM, answers: { q_voluntary: ["yes"], q_visits: ["start", "week_12", "week_4"] } },
  });
  expect(check.status(), await check.text()).toBe(200);
  const sign = await page.request.post("/api/participant/consent/sign", {
    headers,
    data: {
      formVersionId: FORM,
      choices: [
        { id: "future_contact", accepted: true },
        { id: "sample_storage", accepted: false },
      ],
      printedName: "Pat Participant",
      email: PERSONAS.participant.email,
      password: E2E.demoPassword,
    },
  });
  expect(sign.status(), await sign.text()).toBe(200);
  const { signatureId } = (await sign.json()) as { signatureId: string };
  await signInViaApi(page, "investigator");
  const countersign = await page.request.post("/api/site/consents/countersignatures", {
    headers,
    data: {
      signatureId,
      identityCheck: "in_person_id",
      printedName: "Ivan Investigator",
      email: PERSONAS.investigator.email,
      password: E2E.demoPassword,
    },
  });
  expect(countersign.status(), await countersign.text()).toBe(200);
}

test("the investigator records, corrects and reviews a participant's outcomes", async ({ page, visit }) => {
  await consentAndCountersign(page);

  expect(await visit("/site")).toBe(200);
  await expect(page.getByRole("region", { name: /^Visit completeness, / })).toBeVisible();
  await page.getByRole("link", { name: `Outcomes of ${PAT}` }).click();
  await expect(page.getByRole("heading", { name: `Outcomes of ${PAT}` })).toBeVisible();
  await expectAccessible(page);
  await expect(page.getByTestId("recording-blocked")).toHaveCount(0);

  const baseline = page.getByTestId("record-form-baseline");
  await baseline.getByTestId("record-measure").selectOption("systolic_bp");
  await expect(baseline.getByTestId("record-unit")).toHaveText("mm[Hg]");
  await baseline.getByRole("button", { name: "Now" }).click();
  await baseline.getByTestId("record-value").fill("148 mmHg");
  await baseline.getByTestId("record-submit").click();
  await expect(baseline.getByTestId("record-value")).toHaveAttribute("aria-invalid", "true");
  await baseline.getByTestId("record-value").fill("148");
  await baseline.getByTestId("record-submit").click();
  await expect(baseline.getByTestId("record-done")).toContainText("systolic_bp = 148 mm[Hg]");

  const entry = page.getByTestId("timeline-entry").filter({ hasText: "systolic_bp" });
  await expect(entry.getByTestId("timeline-value")).toHaveText("148 mm[Hg]");
  await entry.getByTestId("correct-open").click();
  const form = entry.getByTestId("correct-form");
  await form.getByTestId("correct-value").fill("138");
  await form.getByTestId("correct-reason-other").check();
  await form.getByTestId("correct-submit").click();
  await expect(form.getByText("Say what was wrong when the reason is other.", { exact: true })).toBeVisible();
  await form.getByTestId("correct-reason-text").fill("Read from the wrong line of the CRF");
  await form.getByTestId("correct-submit").click();
  await expect(entry.getByTestId("timeline-value")).toHaveText("138 mm[Hg]");
  await entry.getByTestId("show-history").click();
  await expect(entry.getByTestId("history-earlier").locator("del")).toHaveText("148 mm[Hg]");
  await expect(entry.getByTestId("history-current")).toContainText("why: Other: Read from the wrong line of the CRF");
  await expectAccessible(page);

  expect(await visit("/site")).toBe(200);
  await expect(page.getByTestId("completeness-row").filter({ hasText: "baseline" }).first()).toBeVisible();
});

test("recording for a participant without valid consent is refused in words", async ({ page, visit }) => {
  await signInViaApi(page, "investigator");
  expect(await visit(`/site/participants/${PAULA}/outcomes`)).toBe(200);
  await expect(page.getByTestId("recording-blocked")).toBeVisible();
  const baseline = page.getByTestId("record-form-baseline");
  await baseline.getByRole("button", { name: "Now" }).click();
  await baseline.getByTestId("record-value").fill("120");
  await baseline.getByTestId("record-submit").click();
  await expect(baseline.getByTestId("record-error")).toContainText("Not recorded");
  await expectAccessible(page);
  expect(await visit("/site/participants/ppt_doesnotexist/outcomes")).toBe(404);
});
