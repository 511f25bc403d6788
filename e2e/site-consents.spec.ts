import { expect, test, signInViaApi } from "./fixtures/test";

// The site's consents view lists the demo site's participants by status, filters by status, and passes the
// accessibility scan. Other specs share the demo database and may have had a participant sign or withdraw first, so
// the counts are read from the filter buttons, which must agree with the rows they show. Countersigning is covered
// through its route in tests/api/site-consents.int.test.ts.
test("the investigator's consents view lists the site's participants by status and filters them", async ({ page, visit }) => {
  await signInViaApi(page, "investigator");
  expect(await visit("/site")).toBe(200);
  const consents = page.getByRole("region", { name: "Consents", exact: true });
  await expect(consents).toBeVisible();
  await expect(consents.getByRole("button", { name: /^All \(\d+\)$/ })).toHaveAttribute("aria-pressed", "true");

  // Each status filter shows exactly as many rows as its button counts; one with none says so.
  for (const name of [/^Awaiting countersignature \((\d+)\)$/, /^Enrolled, not yet signed \((\d+)\)$/, /^Withdrawn \((\d+)\)$/]) {
    const button = consents.getByRole("button", { name });
    const count = Number(name.exec((await button.textContent())!.trim())![1]);
    await button.click();
    await expect(button).toHaveAttribute("aria-pressed", "true");
    if (count === 0) await expect(consents.getByText("No consents with this status.")).toBeVisible();
    else await expect(consents.getByTestId("consent-row")).toHaveCount(count);
  }
  await expect(page.getByText("Countersign consent (coming soon)")).toHaveCount(0);
});
