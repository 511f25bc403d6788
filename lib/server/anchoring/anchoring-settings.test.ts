import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { anchoringSettingsOf, DEFAULT_DAILY_GAS_BUDGET } from "./anchoring-settings";

const settings = (vars: Record<string, string>) => anchoringSettingsOf(parseEnv(vars));

describe("anchoring settings from the environment", () => {
  it("paces the portal log in minutes by default, and refuses seconds", () => {
    expect(settings({}).portalIntervalMs).toBe(600_000);
    expect(settings({ PORTAL_ANCHOR_INTERVAL_MS: "900000" }).portalIntervalMs).toBe(900_000);
    expect(() => parseEnv({ PORTAL_ANCHOR_INTERVAL_MS: "5000" })).toThrow(/PORTAL_ANCHOR_INTERVAL_MS: must be at least 60000/);
  });

  it("bounds the daily gas on every chain but the local one unless told otherwise", () => {
    expect(settings({ CHAIN_ID: "11155111" }).dailyGasBudget).toBe(DEFAULT_DAILY_GAS_BUDGET);
    expect(settings({ CHAIN_ID: "11155111", ANCHOR_DAILY_GAS_BUDGET: "2500000" }).dailyGasBudget).toBe(2_500_000);
    expect(settings({ CHAIN_ID: "31337" }).dailyGasBudget).toBeNull();
    expect(settings({ CHAIN_ID: "31337", ANCHOR_DAILY_GAS_BUDGET: "2500000" }).dailyGasBudget).toBe(2_500_000);
    expect(settings({ CHAIN_ID: "31337", ANCHOR_DAILY_GAS_BUDGET: "0" }).dailyGasBudget).toBeNull();
  });

  it("refuses an unlimited budget (0) on a real network, naming the variable", () => {
    expect(() => parseEnv({ CHAIN_ID: "8453", ANCHOR_DAILY_GAS_BUDGET: "0" })).toThrow(
      /ANCHOR_DAILY_GAS_BUDGET: 0 \(unlimited\) is allowed only on the local chain/,
    );
    expect(() => parseEnv({ ANCHOR_DAILY_GAS_BUDGET: "-1" })).toThrow(/ANCHOR_DAILY_GAS_BUDGET/);
  });
});
