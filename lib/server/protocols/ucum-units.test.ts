import { describe, expect, it } from "vitest";
import { ucumProblemOf } from "./ucum-units";

describe("UCUM units (@lhncbc/ucum-lhc)", () => {
  it.each(["mm[Hg]", "mg/dL", "mmol/L", "kg/m2", "kg", "%", "1", "/min", "{score}", "10*9/L"])("accepts %s", (unit) => {
    expect(ucumProblemOf(unit)).toBeNull();
  });

  it("refuses a common misspelling with the UCUM spelling, and a made-up unit", () => {
    expect(ucumProblemOf("mmHg")).toBe("mmHg is not a UCUM unit code; did you mean mm[Hg]?");
    expect(ucumProblemOf("furlongs")).toMatch(/^furlongs is not a UCUM unit code/);
  });
});
