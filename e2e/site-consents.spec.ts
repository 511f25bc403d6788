import { expect, test, signInViaApi } from "./fixtures/test";

// The demo's participants have not signed yet (they sign in the participant's pages): the site's consents view lists
// them as enrolled, filters by status, and passes the accessibility scan. Countersigning is covered through its
// route in tests/api/site-consents.int.test.ts.
test("the investigator's consents view lists the site's participants by status and filters them", async ({ page, visit }) => {
  await signInViaApi(page, "investigator");
  expect(await visit("/site")).toBe(200);
  const consents = page.getByRole("region", { name: "Consents", exact: true });
  await expect(consents).toBeVisible();
  await expect(consents.getByRole("button", { name: "All (2)" })).toHaveAttribute("aria-pressed", "true");
  await expect(consents.getByTestId("consent-group-enrolled").getByTestId("consent-row")).toHaveCount(2);

  await consents.getByRole("button", { name: /^Awaiting countersignature \(0\)$/ }).click();
  await expect(consents.getByText("No consents with this status.")).toBeVisible();
  await consents.getByRole("button", { name: /^Enrolled, not yet signed \(2\)$/ }).click();
  await expect(consents.getByTestId("consent-row")).toHaveCount(2);
  await expect(page.getByText("Countersign consent (coming soon)")).toHaveCount(0);
});
