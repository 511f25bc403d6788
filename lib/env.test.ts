import { describe, expect, it } from "vitest";
import { assertServeable, browserRpcUrl, EnvError, isEmbeddedMode, parseEnv, portalOrigins } from "./env";

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
    expect(env).toMatchObject({
      ANCHOR_INTERVAL_MS: 5000,
      ANCHOR_MAX_LEAVES: 256,
      ANCHOR_CONFIRMATIONS: 0,
      ANCHOR_IN_APP: true,
    });
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

describe("the RPC URL browsers are sent", () => {
  const serve = (vars: Record<string, string>) => assertServeable(parseEnv(vars));

  it.each([
    ["credentials", "https://alice:s3cret@rpc.example.org/", /credentials/, "s3cret"],
    ["a query string", "https://lb.example.org/rpc?network=base&dkey=abc", /query string/, "dkey"],
    ["an Alchemy-style key after /v2/", "https://base-mainnet.g.alchemy.com/v2/dQw4w9WgXcQ-abcdEFGH", /after \/v2\//, "dQw4w9WgXcQ"],
    ["an Infura-style key after /v3/", "https://mainnet.infura.io/v3/0123456789abcdef0123456789abcdef", /after \/v3\//, "0123456789abcdef"],
    ["a long hex token", "https://example.quiknode.pro/9f86d081884c7d659a2feaa0c55ad015a3bf4f1b/", /key-like path segment/, "9f86d081"],
    ["a long base62 token", "https://rpc.example.org/eth/Xy12abCDefGhIJklmnOPqr", /key-like path segment/, "Xy12abCD"],
  ])("an RPC_URL with %s stops the start unless PUBLIC_RPC_URL is set", (_what, rpc, reason, secret) => {
    const error = (() => {
      try {
        serve({ RPC_URL: rpc });
        return null;
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(EnvError);
    expect((error as Error).message).toMatch(/PUBLIC_RPC_URL: required because RPC_URL/);
    expect((error as Error).message).toMatch(reason);
    // The message names the problem, never the secret itself.
    expect((error as Error).message).not.toContain(secret);
    expect(() => serve({ RPC_URL: rpc, PUBLIC_RPC_URL: "https://public-rpc.example.org" })).not.toThrow();
    expect(browserRpcUrl(parseEnv({ RPC_URL: rpc, PUBLIC_RPC_URL: "https://public-rpc.example.org" }))).toBe("https://public-rpc.example.org");
  });

  it.each([
    "http://127.0.0.1:8545",
    "https://mainnet.base.org",
    "https://rpc.example.org/ext/bc/C/rpc",
    "https://rpc.example.org/polygon-mainnet-archive-2024",
    "https://rpc.example.org/v2",
  ])("a keyless RPC_URL %s is what browsers get when PUBLIC_RPC_URL is unset", (rpc) => {
    expect(() => serve({ RPC_URL: rpc })).not.toThrow();
    expect(browserRpcUrl(parseEnv({ RPC_URL: rpc }))).toBe(rpc);
  });

  it("the worker and the CLI, which send no URL to browsers, still parse a keyed RPC_URL", () => {
    expect(parseEnv({ RPC_URL: "https://mainnet.infura.io/v3/0123456789abcdef0123456789abcdef" }).RPC_URL).toMatch(/infura/);
  });
});

describe("portalOrigins (the origins whose pages may change things: custom routes and better-auth)", () => {
  it("in the embedded demo on a loopback address, both loopback spellings with the same scheme and port", () => {
    expect(portalOrigins(parseEnv({ BETTER_AUTH_URL: "http://localhost:3100" })).sort()).toEqual(["http://127.0.0.1:3100", "http://localhost:3100"]);
    expect(portalOrigins(parseEnv({ BETTER_AUTH_URL: "http://127.0.0.1:3000/" })).sort()).toEqual(["http://127.0.0.1:3000", "http://localhost:3000"]);
  });

  it("outside the embedded demo, only BETTER_AUTH_URL's origin, even on loopback", () => {
    expect(portalOrigins(parseEnv({ DATABASE_URL: "postgres://h/db", BETTER_AUTH_URL: "http://localhost:3000" }))).toEqual(["http://localhost:3000"]);
    expect(portalOrigins(parseEnv({ TRIALPROOF_MODE: "production", BETTER_AUTH_URL: "http://localhost:3000" }))).toEqual(["http://localhost:3000"]);
  });

  it("a public address never gains a loopback twin; a path, trailing slash or default port is not part of the origin", () => {
    expect(portalOrigins(parseEnv({ BETTER_AUTH_URL: "https://portal.example.org/trialproof/" }))).toEqual(["https://portal.example.org"]);
    expect(portalOrigins(parseEnv({ BETTER_AUTH_URL: "https://portal.example.org:443" }))).toEqual(["https://portal.example.org"]);
  });
});
