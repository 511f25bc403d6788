import { keccak_256 } from "@noble/hashes/sha3.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { describe, expect, it } from "vitest";
import { chainTrialId } from "./trial-id";

describe("chainTrialId", () => {
  it("is keccak256 of the UTF-8 bytes of the public trial id", () => {
    const id = "TP-2026-0001";
    expect(chainTrialId(id)).toBe(`0x${bytesToHex(keccak_256(new TextEncoder().encode(id)))}`);
  });

  it("matches a pinned value (the derivation must never change)", () => {
    expect(chainTrialId("TP-2026-0001")).toBe("0x903cfaae80374c62f1c5b441942a638cfc5f7777f2c71c1b4cf279913b6c2975");
  });

  it("hashes non-ASCII ids as UTF-8, without normalisation", () => {
    const composed = "TP-é"; // U+00E9
    const decomposed = "TP-e\u0301"; // e + combining acute
    expect(chainTrialId(composed)).toBe(`0x${bytesToHex(keccak_256(Uint8Array.from([0x54, 0x50, 0x2d, 0xc3, 0xa9])))}`);
    expect(chainTrialId(composed)).not.toBe(chainTrialId(decomposed));
  });

  it("is deterministic, case-sensitive and 32 bytes of lowercase hex", () => {
    expect(chainTrialId("TP-2026-0001")).toBe(chainTrialId("TP-2026-0001"));
    expect(chainTrialId("TP-2026-0001")).not.toBe(chainTrialId("tp-2026-0001"));
    expect(chainTrialId("TP-2026-0001")).not.toBe(chainTrialId("TP-2026-0002"));
  });

  it("rejects an empty id", () => {
    expect(() => chainTrialId("")).toThrow();
  });
});
