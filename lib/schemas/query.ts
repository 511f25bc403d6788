/**
 * A query string as the plain object that query schemas parse, the same for a route (URLSearchParams) and a page
 * (Next's `searchParams`). A key given once is a string, a repeated key an array of strings. An empty value is
 * treated as absent, because an HTML form sends every empty field (`?status=&phase=`) and "no filter" must not be
 * read as "filter on the empty string".
 */
export type QueryObject = Record<string, string | string[]>;

export function queryObjectOf(input: URLSearchParams | Record<string, string | string[] | undefined>): QueryObject {
  const entries: [string, string][] =
    input instanceof URLSearchParams
      ? [...input.entries()]
      : Object.entries(input).flatMap(([key, value]) =>
          value === undefined ? [] : (Array.isArray(value) ? value : [value]).map((v): [string, string] => [key, v]),
        );
  const out: Record<string, string[]> = {};
  for (const [key, value] of entries) {
    if (value === "") continue;
    // Own-property check: a parameter named "__proto__" or "constructor" must stay a plain key.
    if (!Object.hasOwn(out, key)) Object.defineProperty(out, key, { value: [], enumerable: true, writable: true, configurable: true });
    out[key]!.push(value);
  }
  const result: QueryObject = {};
  for (const [key, values] of Object.entries(out)) {
    Object.defineProperty(result, key, {
      value: values.length === 1 ? values[0]! : values,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return result;
}

/** Query strings longer than this are refused before parsing (400): no parameter of ours needs more. */
export const MAX_QUERY_LENGTH = 16 * 1024;
