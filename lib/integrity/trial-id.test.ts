import { keccak_256 } from "@noble/hashes/sha3.js";
import { bytesToHex, hexToBytes } from "@noble/hashes/utils.js";
import { describe, expect, it } from "vitest";
import { chainTrialId, publicIdHash } from "./trial-id";

const SPONSOR = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const OTHER = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const keccak = (bytes: Uint8Array) => `0x${bytesToHex(keccak_256(bytes))}`;

describe("publicIdHash", () => {
  it("is keccak256 of the UTF-8 bytes of the public trial id", () => {
    expect(publicIdHash("TP-2026-0001")).toBe(keccak(new TextEncoder().encode("TP-2026-0001")));
  });

  it("hashes non-ASCII ids as UTF-8, without normalisation", () => {
    expect(publicIdHash("TP-é")).toBe(keccak(Uint8Array.from([0x54, 0x50, 0x2d, 0xc3, 0xa9])));
    expect(publicIdHash("TP-é")).not.toBe(publicIdHash("TP-e\u0301"));
  });

  it("rejects an empty id", () => {
    expect(() => publicIdHash("")).toThrow();
  });
});

describe("chainTrialId", () => {
  it("is keccak256 of the ABI encoding (address left-padded to 32 bytes, then the public id hash)", () => {
    const encoded = new Uint8Array(64);
    encoded.set(hexToBytes(SPONSOR.slice(2).toLowerCase()), 12);
    encoded.set(hexToBytes(publicIdHash("TP-2026-0001").slice(2)), 32);
    expect(chainTrialId(SPONSOR, "TP-2026-0001")).toBe(keccak(encoded));
  });

  it("matches a pinned value (the derivation must never change)", () => {
    expect(chainTrialId(SPONSOR, "TP-2026-0001")).toBe("0x4c4770c3a8360b298eee7e028123c26173b9bbc31f3217e1f62e1efcff488c7a");
  });

  it("binds the sponsor: another account registering the same public id gets another id", () => {
    expect(chainTrialId(OTHER, "TP-2026-0001")).not.toBe(chainTrialId(SPONSOR, "TP-2026-0001"));
    expect(chainTrialId(SPONSOR, "TP-2026-0002")).not.toBe(chainTrialId(SPONSOR, "TP-2026-0001"));
  });

  it("does not depend on the address's letter case", () => {
    expect(chainTrialId(SPONSOR.toLowerCase(), "TP-2026-0001")).toBe(chainTrialId(SPONSOR, "TP-2026-0001"));
  });

  it("rejects something that is not an address", () => {
    expect(() => chainTrialId("0x1234", "TP-2026-0001")).toThrow(/not an address/);
  });
});
