import type { z } from "zod";
import { AppError, type FieldErrors } from "./app-error";

/**
 * Turns a zod failure into a 422 that names every offending field. An unknown key of a strict object is named
 * itself, so `?colour=red` answers `{ colour: [...] }` rather than an anonymous "_". Keys are collected in a Map:
 * a field called "__proto__" or "constructor" must stay a plain key, never reach Object.prototype.
 */
export function fromZod(error: z.ZodError, what = "request"): AppError {
  const collected = new Map<string, string[]>();
  const add = (path: readonly PropertyKey[], message: string) => {
    const key = path.length ? path.map(String).join(".") : "_";
    collected.set(key, [...(collected.get(key) ?? []), message]);
  };
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") for (const key of issue.keys) add([...issue.path, key], "is not expected here");
    else add(issue.path, issue.message);
  }
  const fieldErrors: FieldErrors = Object.fromEntries(collected);
  const names = Object.keys(fieldErrors).filter((k) => k !== "_");
  const message = names.length
    ? `Invalid ${what}: ${names.map((n) => `${n} (${collected.get(n)![0]})`).join(", ")}`
    : `Invalid ${what}: ${error.issues[0]?.message ?? "malformed"}`;
  return new AppError("UNPROCESSABLE", message, fieldErrors);
}
