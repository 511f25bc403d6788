import { describe, expect, it } from "vitest";
import { DEMO_REGISTERED_PROTOCOL } from "@/lib/db/seed/demo-data";
import { ZProtocolDraftSchema, ZProtocolSchema } from "./protocol";

const paths = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

describe("ZProtocolSchema", () => {
  it("accepts the demo's complete protocol unchanged", () => {
    const parsed = ZProtocolSchema.parse(DEMO_REGISTERED_PROTOCOL);
    expect(parsed).toEqual(DEMO_REGISTERED_PROTOCOL);
  });

  it("names the field of an outcome without a time frame", () => {
    const bad = {
      ...DEMO_REGISTERED_PROTOCOL,
      primaryOutcomes: [{ title: "SBP", measure: "mm Hg", timeFrame: " " }],
      secondaryOutcomes: [{ title: "DBP", measure: "mm Hg" }],
    };
    const errors = paths(ZProtocolSchema.safeParse(bad));
    expect(Object.keys(errors)).toEqual(["primaryOutcomes.0.timeFrame", "secondaryOutcomes.0.timeFrame"]);
    expect(errors["primaryOutcomes.0.timeFrame"]).toMatch(/needs a time frame/);
  });

  it("requires a primary outcome, real dates, ISO countries and decimal strings, with readable messages", () => {
    const bad = {
      ...DEMO_REGISTERED_PROTOCOL,
      primaryOutcomes: [],
      anticipatedFirstEnrollment: "2026-02-30",
      countries: ["uk"],
      targetSampleSize: 40,
      publicContact: { name: "x", email: "nope", affiliation: "y" },
    };
    const errors = paths(ZProtocolSchema.safeParse(bad));
    expect(errors).toEqual({
      primaryOutcomes: "Add at least one primary outcome",
      anticipatedFirstEnrollment: "Anticipated first enrollment is not a real calendar date",
      "countries.0": "Country must be an ISO 3166-1 alpha-2 code such as GB",
      targetSampleSize: 'Write the number as text, e.g. "120"',
      "publicContact.email": "Public contact email must be a valid email address",
    });
  });

  it("refuses a completion before the first enrollment", () => {
    const errors = paths(ZProtocolSchema.safeParse({ ...DEMO_REGISTERED_PROTOCOL, anticipatedCompletion: "2026-01-01" }));
    expect(Object.keys(errors)).toEqual(["anticipatedCompletion"]);
  });
});

describe("ZProtocolDraftSchema", () => {
  it("accepts partial drafts but still types what is there", () => {
    expect(ZProtocolDraftSchema.safeParse({}).success).toBe(true);
    expect(ZProtocolDraftSchema.safeParse({ primaryOutcomes: [{ title: "SBP" }], targetSampleSize: "" }).success).toBe(true);
    expect(paths(ZProtocolDraftSchema.safeParse({ phase: "phase_9", targetSampleSize: 12 }))).toMatchObject({
      phase: expect.any(String),
      targetSampleSize: expect.any(String),
    });
  });
});

describe("messages for missing fields", () => {
  it("says what is required, by path", () => {
    const errors = paths(ZProtocolSchema.safeParse({ primaryOutcomes: [{}] }));
    expect(errors).toMatchObject({
      publicTitle: "Public title is required",
      phase: "Phase is required",
      publicContact: "Public contact is required",
      targetSampleSize: "Target sample size is required",
      "primaryOutcomes.0.title": "Outcome title is required",
      "primaryOutcomes.0.timeFrame": 'Every outcome needs a time frame (e.g. "Baseline to week 12")',
    });
    expect(paths(ZProtocolSchema.safeParse({ publicContact: { name: "A", affiliation: "B" } }))["publicContact.email"]).toBe(
      "Public contact email is required",
    );
  });
});
