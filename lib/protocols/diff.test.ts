import { describe, expect, it } from "vitest";
import { diffProtocols, outcomesChanged } from "./diff";

const v1 = {
  publicTitle: "Amlodipine for hypertension",
  countries: ["GB", "FR"],
  primaryOutcomes: [{ title: "Systolic BP", measure: "mm[Hg]", timeFrame: "Week 12" }],
  secondaryOutcomes: [],
  targetSampleSize: "120",
};

describe("diffProtocols", () => {
  it("reports nothing for equal protocols", () => {
    expect(diffProtocols(v1, structuredClone(v1))).toEqual([]);
  });

  it("reports changed, added and removed fields with their paths", () => {
    const v2 = {
      ...v1,
      publicTitle: "Amlodipine in adults",
      countries: ["GB"],
      targetSampleSize: "150",
      ipdSharingStatement: "None",
    };
    const d = diffProtocols(v1, v2);
    expect(d.map((e) => [e.field, e.change])).toEqual([
      ["countries.1", "removed"],
      ["ipdSharingStatement", "added"],
      ["publicTitle", "changed"],
      ["targetSampleSize", "changed"],
    ]);
    expect(d.find((e) => e.field === "targetSampleSize")).toMatchObject({
      before: "120",
      after: "150",
      isOutcome: false,
    });
    expect(outcomesChanged(d)).toBe(false);
  });

  it("flags outcome switching", () => {
    const v2 = {
      ...v1,
      primaryOutcomes: [{ title: "Diastolic BP", measure: "mm[Hg]", timeFrame: "Week 8" }],
      secondaryOutcomes: [{ title: "Systolic BP", measure: "mm[Hg]", timeFrame: "Week 12" }],
    };
    const d = diffProtocols(v1, v2);
    expect(d.filter((e) => e.isOutcome).map((e) => e.field)).toEqual([
      "primaryOutcomes.0.timeFrame",
      "primaryOutcomes.0.title",
      "secondaryOutcomes.0",
    ]);
    expect(d.find((e) => e.field === "primaryOutcomes.0.timeFrame")).toMatchObject({
      change: "changed",
      before: "Week 12",
      after: "Week 8",
    });
    expect(outcomesChanged(d)).toBe(true);
  });

  it("flags a changed measure unit and a changed visit schedule as outcome changes", () => {
    const coded = {
      ...v1,
      primaryOutcomes: [{ ...v1.primaryOutcomes[0], code: "systolic_bp", unit: "mm[Hg]" }],
      visits: [{ code: "week_12", dayOffset: "84" }],
    };
    const v2 = { ...coded, primaryOutcomes: [{ ...coded.primaryOutcomes[0], unit: "kPa" }], visits: [{ code: "week_12", dayOffset: "56" }] };
    const d = diffProtocols(coded, v2);
    expect(d.map((e) => [e.field, e.isOutcome])).toEqual([
      ["primaryOutcomes.0.unit", true],
      ["visits.0.dayOffset", true],
    ]);
  });

  it("treats a missing side as empty", () => {
    expect(diffProtocols(undefined, { publicTitle: "x" })).toEqual([
      { path: ["publicTitle"], field: "publicTitle", change: "added", after: "x", isOutcome: false },
    ]);
  });
});
