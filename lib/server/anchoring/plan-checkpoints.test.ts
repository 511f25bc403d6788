import { describe, expect, it } from "vitest";
import { isDue, type AnchorCandidate } from "./find-anchor-candidates";
import { RegistrationCache } from "./plan-checkpoints";

const candidate = (size: number, anchoredSize: number, oldestPendingAgeMs: number): AnchorCandidate => ({
  logId: `TP-2026-${size}`,
  chainTrialId: "0x00",
  size,
  anchoredSize,
  oldestPendingAgeMs,
});

describe("isDue", () => {
  const opts = { intervalMs: 5_000, maxLeaves: 256 };

  it("is never due without waiting records", () => {
    expect(isDue([], { intervalMs: 0, maxLeaves: 1 })).toBe(false);
  });

  it("is due once the longest-waiting record is older than the interval", () => {
    expect(isDue([candidate(10, 5, 4_999)], opts)).toBe(false);
    expect(isDue([candidate(10, 5, 4_999), candidate(3, 0, 5_000)], opts)).toBe(true);
  });

  it("is due as soon as maxLeaves records wait, counted over all logs", () => {
    expect(isDue([candidate(200, 0, 10), candidate(55, 0, 10)], opts)).toBe(false);
    expect(isDue([candidate(200, 0, 10), candidate(56, 0, 10)], opts)).toBe(true);
    expect(isDue([candidate(1_000, 744, 10)], opts)).toBe(true);
  });
});

describe("RegistrationCache", () => {
  it("remembers a log that is not ours until the time to live has passed", () => {
    const cache = new RegistrationCache(1_000);
    cache.remember("0xaa", "not registered on chain", false, 10_000);
    expect(cache.notOurs("0xaa", 10_999)).toEqual({ reason: "not registered on chain", alarm: false });
    expect(cache.notOurs("0xbb", 10_999)).toBeUndefined();
    expect(cache.notOurs("0xaa", 11_000)).toBeUndefined();
  });

  it("keeps whether the skip is an alarm, and forgets a log the chain says is ours again", () => {
    const cache = new RegistrationCache(60_000);
    cache.remember("0xcc", "checkpointed by another account (0x3C44)", true);
    expect(cache.notOurs("0xcc")).toEqual({ reason: "checkpointed by another account (0x3C44)", alarm: true });
    cache.forget("0xcc");
    expect(cache.notOurs("0xcc")).toBeUndefined();
  });
});
