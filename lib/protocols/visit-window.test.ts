import { describe, expect, it } from "vitest";
import { baselineOf, inVisitWindow } from "./visit-window";

const VISITS = [
  { code: "screening", label: "Screening", dayOffset: "-14", windowDays: "7" },
  { code: "baseline", label: "Baseline", dayOffset: "0", windowDays: "0" },
  { code: "week_4", label: "Week 4", dayOffset: "28", windowDays: "3" },
];
const at = (day: number, hour = 9) => new Date(Date.UTC(2026, 8, 1 + day, hour)).toISOString();

describe("visit windows", () => {
  it("counts from the earliest observation at the day-0 visit", () => {
    expect(baselineOf(VISITS, [{ visit: "screening", observedAt: at(-14) }])).toBeNull();
    expect(
      baselineOf(VISITS, [
        { visit: "baseline", observedAt: at(1) },
        { visit: "baseline", observedAt: at(0, 15) },
      ])?.toISOString(),
    ).toBe(at(0, 15));
  });

  it("judges each visit by its target day and window, in calendar days", () => {
    const baseline = new Date(at(0, 15));
    expect(inVisitWindow(VISITS[1], at(0, 18), baseline)).toBe(true);
    expect(inVisitWindow(VISITS[1], at(1, 8), baseline)).toBe(false);
    expect(inVisitWindow(VISITS[2], at(31), baseline)).toBe(true);
    expect(inVisitWindow(VISITS[2], at(32), baseline)).toBe(false);
    expect(inVisitWindow(VISITS[0], at(-21), baseline)).toBe(true);
    expect(inVisitWindow(VISITS[0], at(-22), baseline)).toBe(false);
    expect(inVisitWindow(undefined, at(0), baseline)).toBeNull();
    expect(inVisitWindow(VISITS[2], at(28), null)).toBeNull();
  });
});
