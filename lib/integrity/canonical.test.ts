// RFC 8785 (JCS) vectors from testdata/jcs (testdata/README.md), and the values canonicalize() must refuse.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CanonicalizationError, canonicalize } from "./canonical";
import { leafHash } from "./hash";

const jcsDir = fileURLToPath(new URL("../../testdata/jcs", import.meta.url));
const cases = fs
  .readdirSync(path.join(jcsDir, "input"))
  .filter((f) => f.endsWith(".json"))
  .map((f) => f.replace(/\.json$/, ""))
  .sort();

describe("RFC 8785 vectors", () => {
  it("finds the 6 cases", () => {
    expect(cases).toEqual(["arrays", "french", "structures", "unicode", "values", "weird"]);
  });

  it.each(cases)("%s: canonical bytes equal output/ and outhex/", (name) => {
    const input: unknown = JSON.parse(fs.readFileSync(path.join(jcsDir, "input", `${name}.json`), "utf8"));
    const ours = new TextEncoder().encode(canonicalize(input));
    const expected = new Uint8Array(fs.readFileSync(path.join(jcsDir, "output", `${name}.json`)));
    expect(Buffer.from(ours).toString("hex")).toBe(Buffer.from(expected).toString("hex"));
    const outhex = fs
      .readFileSync(path.join(jcsDir, "outhex", `${name}.txt`), "utf8")
      .replace(/\s+/g, "")
      .toLowerCase();
    expect(Buffer.from(ours).toString("hex")).toBe(outhex);
  });
});

describe("canonicalize rejects values JCS cannot represent", () => {
  const rejects: [string, unknown, string][] = [
    ["NaN", { a: NaN }, "/a"],
    ["Infinity", [1, -Infinity], "/1"],
    ["undefined at top level", undefined, ""],
    ["undefined array element", [1, undefined], "/1"],
    ["sparse array", [1, , 3], "/1"],
    ["bigint", { n: 10n }, "/n"],
    ["function nested", { a: { f: () => 1 } }, "/a/f"],
    ["symbol", { s: Symbol("x") }, "/s"],
    ["Date", { at: new Date(0) }, "/at"],
    ["Map", new Map(), ""],
    ["class instance", { x: new (class Foo {})() }, "/x"],
    ["lone high surrogate", { s: "a\uD800b" }, "/s"],
    ["lone low surrogate in key", { "\uDC00": 1 }, "/\uDC00"],
    ["key with slash escapes in pointer", { "a/b": { "c~d": NaN } }, "/a~1b/c~0d"],
  ];
  it.each(rejects)("%s", (_name, value, pointer) => {
    let caught: unknown;
    try {
      canonicalize(value);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(CanonicalizationError);
    expect((caught as CanonicalizationError).path).toBe(pointer);
    expect((caught as CanonicalizationError).message).toContain(pointer === "" ? "(root)" : pointer);
  });

  it("rejects cycles", () => {
    const a: Record<string, unknown> = {};
    a.self = { back: a };
    expect(() => canonicalize(a)).toThrow(/circular/);
  });

  it("skips undefined object properties, like a JSON round trip", () => {
    expect(canonicalize({ b: 1, a: undefined })).toBe('{"b":1}');
    expect(canonicalize({ b: 1, a: undefined })).toBe(canonicalize(JSON.parse(JSON.stringify({ b: 1, a: undefined }))));
  });

  it("accepts null-prototype objects and repeated (non-cyclic) references", () => {
    const o = Object.create(null) as Record<string, unknown>;
    o.z = 1;
    o.a = [true, null, "x"];
    const shared = { k: 1 };
    expect(canonicalize(o)).toBe('{"a":[true,null,"x"],"z":1}');
    expect(canonicalize([shared, shared])).toBe('[{"k":1},{"k":1}]');
  });

  it("formats numbers per ECMAScript (JCS §3.2.2.3) and -0 as 0", () => {
    expect(canonicalize([-0, 1e21, 1e-7, 0.1 + 0.2, 5e-324])).toBe("[0,1e+21,1e-7,0.30000000000000004,5e-324]");
  });
});

describe("leafHash", () => {
  it("is SHA-256(0x00 || utf8) and handles non-ASCII", () => {
    // sha256(0x00) is the RFC 6962 hash of the empty leaf.
    expect(leafHash("")).toBe("0x6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
    const s = '{"a":"é€😂"}';
    const bytes = new Uint8Array([0, ...new TextEncoder().encode(s)]);
    expect(leafHash(s)).toBe(`0x${Buffer.from(nodeSha256(bytes)).toString("hex")}`);
  });

  it("works for inputs larger than its scratch buffer", () => {
    const big = "x".repeat(3_000_000);
    const bytes = new Uint8Array(1 + big.length);
    bytes.set(new TextEncoder().encode(big), 1);
    expect(leafHash(big)).toBe(`0x${Buffer.from(nodeSha256(bytes)).toString("hex")}`);
    // and a small one afterwards still uses the right length
    expect(leafHash("")).toBe("0x6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
  });

  it("rejects strings with lone surrogates instead of hashing U+FFFD", () => {
    expect(() => leafHash("a\uD800")).toThrow(/surrogate/);
  });
});

// Independent SHA-256 (Node's OpenSSL) as the reference, for the tests only.
function nodeSha256(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(createHash("sha256").update(bytes).digest());
}
