import { describe, expect, it } from "vitest";
import { recordableScheduleOf } from "@/lib/protocols/recordable-measures";
import { DEMO_REGISTERED_PROTOCOL } from "@/lib/db/seed/demo-data";
import { ZProtocolDraftSchema, ZProtocolSchema } from "./protocol";
import { compareDecimals } from "./protocol-measures";

describe("compareDecimals", () => {
  it.each([
    ["60", "260", -1],
    ["260", "60", 1],
    ["7.5", "7.50", 0],
    ["-0.5", "0", -1],
    ["-10", "-9.99", -1],
    ["0.001", "0.0009", 1],
    ["-0", "0", 0],
    ["123456789012345678901234567890", "123456789012345678901234567891", -1],
  ])("compares %s with %s exactly", (a, b, sign) => {
    expect(Math.sign(compareDecimals(a, b))).toBe(sign);
  });
});

describe("measures in the protocol schema", () => {
  const { visits: _, ...withoutMeasures } = DEMO_REGISTERED_PROTOCOL;
  const plain = {
    ...withoutMeasures,
    primaryOutcomes: [{ title: "SBP", measure: "mm Hg", timeFrame: "12 weeks" }],
    secondaryOutcomes: [],
  };

  it("still accepts a protocol written before measure codes existed", () => {
    expect(ZProtocolSchema.safeParse(plain).success).toBe(true);
    expect(recordableScheduleOf(plain)).toEqual({ measures: [], visits: [] });
  });

  it("names the field of a malformed code, unit, range and visit", () => {
    const bad = ZProtocolSchema.safeParse({
      ...plain,
      primaryOutcomes: [{ ...plain.primaryOutcomes[0], code: "Systolic BP", unit: "mm Hg", plausibleLow: "1e3" }],
      visits: [{ code: "baseline", label: " ", dayOffset: "0", windowDays: "-1" }],
    });
    const paths = bad.error!.issues.map((i) => i.path.join(".")).sort();
    expect(paths).toEqual([
      "primaryOutcomes.0.code",
      "primaryOutcomes.0.plausibleLow",
      "primaryOutcomes.0.unit",
      "visits.0.label",
      "visits.0.windowDays",
    ]);
  });

  it("reads the demo protocol's recordable measures and schedule, primary first", () => {
    const schedule = recordableScheduleOf(DEMO_REGISTERED_PROTOCOL);
    expect(schedule.measures.map((m) => [m.code, m.unit, m.primary])).toEqual([
      ["systolic_bp", "mm[Hg]", true],
      ["diastolic_bp", "mm[Hg]", false],
    ]);
    expect(schedule.visits.map((v) => v.code)).toEqual(["baseline", "week_4", "week_8", "week_12"]);
  });

  it("reads a malformed stored protocol as having nothing recordable rather than failing", () => {
    expect(recordableScheduleOf({ primaryOutcomes: "x", visits: [{ code: 1 }] })).toEqual({ measures: [], visits: [] });
    expect(recordableScheduleOf(null)).toEqual({ measures: [], visits: [] });
  });

  it("autosave keeps the measure fields and the schedule", () => {
    const draft = { primaryOutcomes: [{ code: "sbp", unit: "mm[Hg]", plausibleHigh: "300" }], visits: [{ code: "baseline", dayOffset: "0" }] };
    expect(ZProtocolDraftSchema.parse(draft)).toEqual(draft);
  });
});
