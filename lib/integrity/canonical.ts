/**
 * RFC 8785 (JCS) canonical JSON: the bytes every leaf hash is computed over (docs/records.md#canonical-bytes).
 *
 * Serialisation itself is delegated to the `canonicalize` package (key order by UTF-16 code units, ECMAScript
 * number formatting, minimal string escaping). That package follows JSON.stringify in a few places where
 * JSON.stringify is lossy or produces something that is not JSON at all: it calls toJSON(), turns `undefined`
 * array elements into null, drops functions silently at the top level and emits `"k":undefined` for a nested
 * function. A hash over such output would commit to something other than the caller's value, so before
 * delegating we walk the value and accept only the JSON data model:
 *
 *   null, true/false, finite numbers, strings without lone surrogates, dense arrays, and plain objects
 *   (prototype Object.prototype or null) whose own enumerable string keys hold such values.
 *
 * The single tolerance: an object property whose value is `undefined` is skipped, as JSON.stringify does. Storing
 * the envelope as JSON and reading it back yields the same object without that key, so the hash is the same
 * before and after a round trip through the database. `undefined` anywhere else (top level, array element) is an
 * error, because JSON has no faithful representation for it.
 */
import jcs from "canonicalize";

export class CanonicalizationError extends Error {
  override name = "CanonicalizationError";
  /** JSON Pointer (RFC 6901) to the offending value, e.g. `/body/items/2`; "" for the value itself. */
  readonly path: string;
  /** The same location as segments: strings for object keys, numbers for array positions. */
  readonly segments: readonly (string | number)[];
  constructor(segments: readonly (string | number)[], problem: string) {
    const path = segments.map((s) => `/${pointerToken(s)}`).join("");
    super(`cannot canonicalize value at ${path === "" ? "(root)" : path}: ${problem}`);
    this.path = path;
    this.segments = segments;
  }
}

function hasLoneSurrogate(s: string): boolean {
  // String.prototype.isWellFormed (ES2024) is available in Node 20 and current browsers; fall back otherwise.
  const wellFormed = (s as { isWellFormed?: () => boolean }).isWellFormed;
  if (typeof wellFormed === "function") return !wellFormed.call(s);
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}

function pointerToken(key: string | number): string {
  return String(key).replace(/~/g, "~0").replace(/\//g, "~1");
}

/** Throws CanonicalizationError unless `value` is within the JSON data model (see file comment). */
export function assertJsonValue(value: unknown): void {
  check(value, [], new Set());
}

// `path` is a shared stack (pushed/popped while walking) and copied only when an error is raised.
function check(value: unknown, path: (string | number)[], seen: Set<object>): void {
  const fail = (problem: string): never => {
    throw new CanonicalizationError([...path], problem);
  };
  switch (typeof value) {
    case "string":
      if (hasLoneSurrogate(value)) fail("string contains a lone UTF-16 surrogate");
      return;
    case "number":
      if (!Number.isFinite(value)) fail(`${value} is not representable in JSON`);
      return;
    case "boolean":
      return;
    case "undefined":
      return fail("undefined is not a JSON value");
    case "bigint":
      return fail("bigint is not a JSON value (use a decimal string)");
    case "symbol":
    case "function":
      return fail(`${typeof value} is not a JSON value`);
  }
  if (value === null) return;
  const obj = value as object;
  if (seen.has(obj)) fail("circular reference");
  seen.add(obj);
  if (Array.isArray(obj)) {
    for (let i = 0; i < obj.length; i++) {
      path.push(i);
      if (!(i in obj)) fail("sparse array hole");
      const item: unknown = obj[i];
      if (item === undefined) fail("undefined array element");
      check(item, path, seen);
      path.pop();
    }
  } else {
    const proto: unknown = Object.getPrototypeOf(obj);
    if (proto !== Object.prototype && proto !== null) {
      const name = (obj as { constructor?: { name?: string } }).constructor?.name ?? "object";
      fail(`${name} is not a plain object (convert it to JSON data first)`);
    }
    if (Object.getOwnPropertySymbols(obj).length > 0) fail("symbol-keyed properties are not JSON");
    for (const key of Object.keys(obj)) {
      const item: unknown = (obj as Record<string, unknown>)[key];
      if (item === undefined) continue; // skipped, see file comment
      path.push(key);
      if (hasLoneSurrogate(key)) fail("key contains a lone UTF-16 surrogate");
      check(item, path, seen);
      path.pop();
    }
  }
  seen.delete(obj);
}

/**
 * The RFC 8785 canonical form of `value`. Throws CanonicalizationError for anything outside the JSON data model
 * (non-finite numbers, undefined at the top level or in arrays, bigint, functions, class instances, cycles,
 * lone surrogates).
 */
export function canonicalize(value: unknown): string {
  assertJsonValue(value);
  const out = jcs(value);
  // Unreachable after assertJsonValue; kept so a future change in the package cannot make us hash "undefined".
  if (typeof out !== "string") throw new CanonicalizationError([], "value has no JSON representation");
  return out;
}
