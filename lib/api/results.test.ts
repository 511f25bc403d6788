// The client's result types must describe what JSON actually delivers: checked by the type checker (expectTypeOf
// is a compile-time assertion) and against a real JSON round trip.
import { describe, expect, expectTypeOf, it } from "vitest";
import type { CreatedTrialResult, Jsonified, RoleChangeResult, SponsorTrialResult } from "./results";

type ServerShape = {
  id: string;
  at: Date;
  hash: `0x${string}`;
  count: number;
  note?: string | undefined;
  maybe: Date | null;
  list: { when: Date; flag: boolean }[];
  run: () => void;
};

describe("Jsonified", () => {
  it("turns Dates into strings, keeps literals, drops functions", () => {
    expectTypeOf<Jsonified<ServerShape>>().toEqualTypeOf<{
      id: string;
      at: string;
      hash: `0x${string}`;
      count: number;
      note?: string;
      maybe: string | null;
      list: { when: string; flag: boolean }[];
      run: never;
    }>();
    const sent: ServerShape = {
      id: "a",
      at: new Date(0),
      hash: "0x01",
      count: 2,
      maybe: null,
      list: [{ when: new Date(1000), flag: true }],
      run: () => {},
    };
    const received = JSON.parse(JSON.stringify(sent)) as Jsonified<ServerShape>;
    expect(received).toEqual({
      id: "a",
      at: "1970-01-01T00:00:00.000Z",
      hash: "0x01",
      count: 2,
      maybe: null,
      list: [{ when: "1970-01-01T00:00:01.000Z", flag: true }],
    });
    expect(typeof received.at).toBe("string");
  });

  it("results follow their use cases", () => {
    expectTypeOf<CreatedTrialResult>().toEqualTypeOf<{ trialId: string; publicId: string }>();
    expectTypeOf<RoleChangeResult>().toHaveProperty("membershipId");
    expectTypeOf<SponsorTrialResult["trial"]["publicId"]>().toEqualTypeOf<string>();
  });
});
