// A route (URLSearchParams) and a page (Next's searchParams record) must see the same query object.
import { describe, expect, it } from "vitest";
import { queryObjectOf } from "./query";

describe("queryObjectOf", () => {
  it("gives the same object from URLSearchParams and from a searchParams record", () => {
    const fromUrl = queryObjectOf(new URLSearchParams("q=a&tag=x&tag=y&status=&page=2"));
    const fromPage = queryObjectOf({ q: "a", tag: ["x", "y"], status: "", page: "2", missing: undefined });
    expect(fromUrl).toEqual({ q: "a", tag: ["x", "y"], page: "2" });
    expect(fromPage).toEqual(fromUrl);
  });

  it("drops empty values, also inside a repeated key", () => {
    expect(queryObjectOf(new URLSearchParams("tag=&tag=x&tag="))).toEqual({ tag: "x" });
  });

  it("keeps __proto__ and constructor as plain own keys", () => {
    const q = queryObjectOf(new URLSearchParams("__proto__=x&constructor=y&constructor=z"));
    expect(Object.keys(q)).toEqual(["__proto__", "constructor"]);
    expect(Object.getPrototypeOf(q)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(q, "__proto__")?.value).toBe("x");
    expect(q.constructor).toEqual(["y", "z"]);
  });
});
