// Steps of the protocol journey shared by the protocol specs: filling the WHO TRDS form and signing from the
// injected test wallet.
import type { BrowserContext, Page } from "@playwright/test";
import { expect } from "./fixtures/test";

/**
 * Test boundary: makes the injected test wallet answer the next eth_sendTransaction with EIP-1193 error 4001
 * ("user rejected"), as a real wallet does when its user clicks Reject. Armed with `window.__testWalletRejectNext`.
 */
export async function allowTestWalletRejection(context: BrowserContext) {
  await context.addInitScript(() => {
    const w = window as unknown as {
      ethereum?: { request: (a: { method: string; params?: unknown[] }) => Promise<unknown> };
      __testWalletRejectNext?: boolean;
    };
    const provider = w.ethereum;
    if (!provider) return;
    const request = provider.request.bind(provider);
    provider.request = async (args) => {
      if (args.method === "eth_sendTransaction" && w.__testWalletRejectNext) {
        w.__testWalletRejectNext = false;
        throw Object.assign(new Error("User rejected the request."), { code: 4001 });
      }
      return request(args);
    };
  });
}

export async function fill(page: Page, testId: string, value: string) {
  await page.getByTestId(testId).fill(value);
}

export async function fillProtocol(page: Page, { withTimeFrame }: { withTimeFrame: boolean }) {
  await fill(page, "protocol-publicTitle", "Low-dose aspirin after knee replacement");
  await fill(
    page,
    "protocol-scientificTitle",
    "A randomized, double-blind trial of low-dose aspirin for thromboprophylaxis after total knee arthroplasty",
  );
  await page.getByTestId("protocol-secondaryIds-add").click();
  await fill(page, "protocol-secondaryIds-0-issuer", "EU CT");
  await fill(page, "protocol-secondaryIds-0-id", "2026-500123-11-00");
  await fill(page, "protocol-primarySponsor", "Demo Sponsor Ltd");
  await fill(page, "protocol-monetarySupport", "Demo Research Fund");
  await fill(page, "protocol-publicContact-name", "Trial Office");
  await fill(page, "protocol-publicContact-email", "trials@sponsor.example");
  await fill(page, "protocol-publicContact-affiliation", "Demo Sponsor Ltd");
  await fill(page, "protocol-scientificContact-name", "Chief Investigator");
  await fill(page, "protocol-scientificContact-email", "ci@sponsor.example");
  await fill(page, "protocol-scientificContact-affiliation", "Demo University Hospital");
  await fill(page, "protocol-countries", "DE\nFR");
  await fill(page, "protocol-conditions", "Venous thromboembolism");
  await page.getByTestId("protocol-interventions-add").click();
  await fill(page, "protocol-interventions-0-name", "Aspirin 81 mg");
  await fill(page, "protocol-interventions-0-description", "Oral, once daily for 35 days");
  await fill(page, "protocol-inclusionCriteria", "Adults undergoing elective total knee arthroplasty");
  await fill(page, "protocol-exclusionCriteria", "Active bleeding; anticoagulant therapy");
  await page.getByTestId("protocol-studyType").selectOption("interventional");
  await page.getByTestId("protocol-phase").selectOption("phase_3");
  await page.getByTestId("protocol-allocation").selectOption("randomized");
  await page.getByTestId("protocol-masking").selectOption("double");
  await page.getByTestId("protocol-arms-add").click();
  await fill(page, "protocol-arms-0-label", "Aspirin");
  await fill(page, "protocol-arms-0-description", "Aspirin 81 mg daily");
  await page.getByTestId("protocol-arms-add").click();
  await fill(page, "protocol-arms-1-label", "Placebo");
  await fill(page, "protocol-arms-1-description", "Matching placebo daily");
  await fill(page, "protocol-targetSampleSize", "240");
  await fill(page, "protocol-anticipatedFirstEnrollment", "2027-01-15");
  await fill(page, "protocol-anticipatedCompletion", "2028-06-30");
  await page.getByTestId("protocol-recruitmentStatus").selectOption("not_yet_recruiting");
  await fill(page, "protocol-ethicsReview-committee", "Demo Ethics Committee");
  await fill(page, "protocol-ethicsReview-approvalDate", "2026-10-01");
  await fill(page, "protocol-ethicsReview-reference", "EC-2026-042");
  await fill(page, "protocol-ipdSharingStatement", "De-identified IPD available on request after publication");
  await page.getByTestId("protocol-primaryOutcomes-add").click();
  await fill(page, "protocol-primaryOutcomes-0-title", "Symptomatic venous thromboembolism");
  await fill(page, "protocol-primaryOutcomes-0-measure", "Proportion of participants with symptomatic DVT or PE");
  if (withTimeFrame) await fill(page, "protocol-primaryOutcomes-0-timeFrame", "90 days after surgery");
}

export async function connectCommitWallet(page: Page) {
  const connect = page.getByTestId("commit-wallet-connector-injected");
  const connected = page.getByTestId("commit-wallet-address");
  await expect(connect.or(connected)).toBeVisible();
  if (await connect.isVisible()) await connect.click();
  await expect(connected).toBeVisible();
}

export async function signWithWallet(page: Page) {
  await connectCommitWallet(page);
  await expect(page.getByTestId("commit-wallet-address")).toContainText(/0x7099/i);
  await page.getByTestId("commit-sign").click();
  await expect(page.getByTestId("commit-done")).toBeVisible({ timeout: 45_000 });
}
