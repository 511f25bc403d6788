/** Turning zod errors into flat, UI-friendly issues with a readable path ("body.value", "leaves[3].index"). */
import type { z } from "zod";

export interface Issue {
  /** Dotted path to the offending field; "" for the value itself. */
  readonly path: string;
  readonly message: string;
  /** zod's issue code (e.g. "invalid_type", "invalid_format", "invalid_union", "custom"). */
  readonly code: string;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += out === "" ? String(seg) : `.${String(seg)}`;
  }
  return out;
}

export function toIssues(error: z.ZodError): Issue[] {
  return error.issues.map((i) => ({ path: formatPath(i.path), message: i.message, code: i.code }));
}

/** Result of the non-throwing parsers in this module. */
export type ParseResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: readonly Issue[]; readonly error: z.ZodError };
