import { describe, expect, it } from "vitest";
import { assertServeable, EnvError, isEmbeddedMode, parseEnv } from "./env";

describe("parseEnv", () => {
  it("defaults to the embedded demo with no configuration", () => {
    const env = parseEnv({});
    expect(env.CHAIN_ID).toBe(31337);
    expect(env.SESSION_IDLE_TIMEOUT_SECONDS).toBe(900);
    expect(isEmbeddedMode(env)).toBe(true);
  });

  it("names the bad variable", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL: must be a postgres/);
    expect(() => parseEnv({ CHAIN_ID: "abc" })).toThrow(/CHAIN_ID/);
    expect(() => parseEnv({ TRIAL_LEDGER_ADDRESS: "0x12" })).toThrow(/TRIAL_LEDGER_ADDRESS/);
    expect(() => parseEnv({ SESSION_IDLE_TIMEOUT_SECONDS: "5" })).toThrow(EnvError);
  });

  it("requires a secret to serve outside the embedded demo", () => {
    expect(() => assertServeable(parseEnv({ DATABASE_URL: "postgres://h/db" }))).toThrow(/BETTER_AUTH_SECRET/);
    expect(() => assertServeable(parseEnv({ DATABASE_URL: "postgres://h/db", BETTER_AUTH_SECRET: "x".repeat(32) }))).not.toThrow();
    expect(() => assertServeable(parseEnv({}))).not.toThrow();
    expect(() => parseEnv({ BETTER_AUTH_SECRET: "short" })).toThrow(/BETTER_AUTH_SECRET: must be at least 32/);
  });

  it("treats a configured database as production mode", () => {
    expect(isEmbeddedMode(parseEnv({ DATABASE_URL: "postgres://h/db" }))).toBe(false);
  });

  it("has anchoring defaults and refuses bad anchoring values", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ ANCHOR_INTERVAL_MS: 5000, ANCHOR_MAX_LEAVES: 256, ANCHOR_CONFIRMATIONS: 0, ANCHOR_IN_APP: true });
    expect(parseEnv({ ANCHOR_IN_APP: "false" }).ANCHOR_IN_APP).toBe(false);
    expect(parseEnv({ ANCHOR_IN_APP: "0" }).ANCHOR_IN_APP).toBe(false);
    expect(parseEnv({ ANCHOR_INTERVAL_MS: "250", ANCHOR_MAX_LEAVES: "10", ANCHOR_CONFIRMATIONS: "12" })).toMatchObject({
      ANCHOR_INTERVAL_MS: 250,
      ANCHOR_MAX_LEAVES: 10,
      ANCHOR_CONFIRMATIONS: 12,
    });
    expect(() => parseEnv({ ANCHOR_IN_APP: "yes" })).toThrow(/ANCHOR_IN_APP: must be true or false/);
    expect(() => parseEnv({ ANCHOR_MAX_LEAVES: "0" })).toThrow(/ANCHOR_MAX_LEAVES/);
    expect(() => parseEnv({ ANCHOR_INTERVAL_MS: "-1" })).toThrow(/ANCHOR_INTERVAL_MS/);
    expect(() => parseEnv({ ANCHOR_CONFIRMATIONS: "x" })).toThrow(/ANCHOR_CONFIRMATIONS/);
  });
});
