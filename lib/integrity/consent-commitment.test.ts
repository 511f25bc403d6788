import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { manifestationCommitment, verifyManifestation } from "./consent-commitment";

const SALT = "a1".repeat(32);
const M = { name: "Pat Participant", signedAt: "2026-11-21T10:15:30.123Z", meaning: "I agree to take part in this study" };

describe("consent manifestation commitment (docs/consent.md#the-manifestation-commitment)", () => {
  it("is SHA-256 of the salt bytes followed by the canonical JSON of {meaning, name, signedAt}", () => {
    const json = '{"meaning":"I agree to take part in this study","name":"Pat Participant","signedAt":"2026-11-21T10:15:30.123Z"}';
    const expected = createHash("sha256").update(Buffer.from(SALT, "hex")).update(json, "utf8").digest("hex");
    expect(manifestationCommitment(M, SALT)).toBe(`0x${expected}`);
  });

  it("verifies with the salt, and fails with a changed name, instant, meaning or salt", () => {
    const c = manifestationCommitment(M, SALT);
    expect(verifyManifestation(M, SALT, c)).toBe(true);
    expect(verifyManifestation({ ...M, name: "Pat Participants" }, SALT, c)).toBe(false);
    expect(verifyManifestation({ ...M, signedAt: "2026-11-21T10:15:30.124Z" }, SALT, c)).toBe(false);
    expect(verifyManifestation({ ...M, meaning: "I agree" }, SALT, c)).toBe(false);
    expect(verifyManifestation(M, "a2".repeat(32), c)).toBe(false);
  });

  it("refuses a malformed salt, and never throws while verifying", () => {
    expect(() => manifestationCommitment(M, "A1".repeat(32))).toThrow(RangeError);
    expect(() => manifestationCommitment(M, "a1")).toThrow(RangeError);
    expect(verifyManifestation(M, "zz", "0x00")).toBe(false);
  });
});
