// Which address sign-in decisions are keyed on: never further left in X-Forwarded-For than trusted proxies vouch for.
import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { PEER_HEADER, PEER_TOKEN_VARIABLE, peerAddressOf, resolveClientAddress, withDecisionAddress, CLIENT_ADDRESS_HEADER } from "./client-address";
import { pairWaitSeconds, SIGN_IN_POLICY } from "./sign-in-guard";
import { parseTrustedProxies, plainAddress } from "./trusted-proxies";

const none = parseTrustedProxies("");
const proxies = parseTrustedProxies("10.0.0.0/8, 127.0.0.1 ::1");

describe("TRUSTED_PROXIES", () => {
  it("reads addresses, CIDR ranges and hop counts", () => {
    expect(parseTrustedProxies(undefined)).toEqual({ kind: "none" });
    expect(parseTrustedProxies("0")).toEqual({ kind: "none" });
    expect(parseTrustedProxies("2")).toEqual({ kind: "hops", hops: 2 });
    expect(proxies.kind === "addresses" && proxies.includes("10.200.3.4")).toBe(true);
    expect(proxies.kind === "addresses" && proxies.includes("::ffff:127.0.0.1")).toBe(true);
    expect(proxies.kind === "addresses" && proxies.includes("11.0.0.1")).toBe(false);
    expect(proxies.kind === "addresses" && proxies.includes("not an address")).toBe(false);
  });

  it("refuses a malformed value at start, naming the variable", () => {
    expect(() => parseEnv({ TRUSTED_PROXIES: "10.0.0.0/33" })).toThrow(/TRUSTED_PROXIES: "10.0.0.0\/33" has an invalid prefix/);
    expect(() => parseEnv({ TRUSTED_PROXIES: "proxy.internal" })).toThrow(/TRUSTED_PROXIES: "proxy.internal" is neither/);
    expect(() => parseEnv({ TRUSTED_PROXIES: "99" })).toThrow(/TRUSTED_PROXIES: a hop count/);
    expect(parseEnv({}).TRUSTED_PROXIES).toEqual({ kind: "none" });
  });
});

describe("resolveClientAddress", () => {
  it("without trusted proxies, is the peer whatever X-Forwarded-For says", () => {
    expect(resolveClientAddress("203.0.113.9", "1.2.3.4", none)).toBe("203.0.113.9");
    expect(resolveClientAddress("203.0.113.9", null, none)).toBe("203.0.113.9");
  });

  it("ignores X-Forwarded-For from a peer that is not a trusted proxy", () => {
    expect(resolveClientAddress("203.0.113.9", "1.2.3.4, 10.0.0.7", proxies)).toBe("203.0.113.9");
  });

  it("through trusted proxies, takes the right-most untrusted entry", () => {
    expect(resolveClientAddress("10.0.0.2", "6.6.6.6, 198.51.100.7, 10.0.0.5", proxies)).toBe("198.51.100.7");
    expect(resolveClientAddress("127.0.0.1", "198.51.100.7", proxies)).toBe("198.51.100.7");
    // Only trusted hops: the left-most is the furthest known.
    expect(resolveClientAddress("10.0.0.2", "10.0.0.9", proxies)).toBe("10.0.0.9");
    expect(resolveClientAddress("10.0.0.2", null, proxies)).toBe("10.0.0.2");
  });

  it("never keys on an entry that is not an address: the trusted proxy to its right stands in", () => {
    expect(resolveClientAddress("10.0.0.2", "198.51.100.7, garbage", proxies)).toBe("10.0.0.2");
    expect(resolveClientAddress("10.0.0.2", "1.2.3.4:5678", proxies)).toBe("10.0.0.2");
  });

  it("with a hop count, counts from the right and never goes left of what the proxies wrote", () => {
    const one = parseTrustedProxies("1");
    expect(resolveClientAddress("127.0.0.1", "6.6.6.6, 198.51.100.7", one)).toBe("198.51.100.7");
    expect(resolveClientAddress("127.0.0.1", null, one)).toBe("127.0.0.1");
    const two = parseTrustedProxies("2");
    expect(resolveClientAddress("127.0.0.1", "6.6.6.6, 198.51.100.7, 10.1.1.1", two)).toBe("198.51.100.7");
    expect(resolveClientAddress("127.0.0.1", "10.1.1.1", two)).toBe("10.1.1.1");
  });

  it("spells IPv4-mapped peers as IPv4", () => {
    expect(plainAddress("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(resolveClientAddress("::ffff:192.0.2.1", null, none)).toBe("192.0.2.1");
  });
});

describe("the peer report of the server layer", () => {
  it("is believed only with the per-process token", () => {
    process.env[PEER_TOKEN_VARIABLE] = "s3cret-token";
    expect(peerAddressOf(new Headers({ [PEER_HEADER]: "s3cret-token 198.51.100.1" }))).toBe("198.51.100.1");
    expect(peerAddressOf(new Headers({ [PEER_HEADER]: "guessed-token 198.51.100.1" }))).toBeNull();
    expect(peerAddressOf(new Headers({ [PEER_HEADER]: "198.51.100.1" }))).toBeNull();
    delete process.env[PEER_TOKEN_VARIABLE];
    expect(peerAddressOf(new Headers({ [PEER_HEADER]: "s3cret-token 198.51.100.1" }))).toBeNull();
  });

  it("replaces whatever address header the client sent, and drops X-Forwarded-For", () => {
    process.env[PEER_TOKEN_VARIABLE] = "s3cret-token";
    const out = withDecisionAddress(
      new Headers({
        [PEER_HEADER]: "s3cret-token 198.51.100.1",
        [CLIENT_ADDRESS_HEADER]: "6.6.6.6",
        "x-forwarded-for": "7.7.7.7",
      }),
    );
    expect(out.get(CLIENT_ADDRESS_HEADER)).toBe("198.51.100.1");
    expect(out.get("x-forwarded-for")).toBeNull();
    expect(out.get(PEER_HEADER)).toBeNull();
    const forged = withDecisionAddress(new Headers({ [CLIENT_ADDRESS_HEADER]: "6.6.6.6" }));
    expect(forged.get(CLIENT_ADDRESS_HEADER)).toBeNull();
    delete process.env[PEER_TOKEN_VARIABLE];
  });
});

describe("per-account back-off", () => {
  it("is free for the first failures, then doubles up to its cap", () => {
    const waits = Array.from({ length: 12 }, (_, n) => pairWaitSeconds(n, false));
    expect(waits.slice(0, SIGN_IN_POLICY.freeFailures)).toEqual([0, 0, 0]);
    expect(waits.slice(3, 8)).toEqual([30, 60, 120, 240, 480]);
    expect(Math.max(...waits)).toBe(SIGN_IN_POLICY.backoffCapSeconds);
  });

  it("in slow mode, allows one attempt per window to a client that just failed, none to wait for one that did not", () => {
    expect(pairWaitSeconds(0, true)).toBe(0);
    expect(pairWaitSeconds(1, true)).toBe(SIGN_IN_POLICY.accountWindowSeconds);
  });
});
