import type { z } from "zod";
import { AppError, type FieldErrors } from "./app-error";

/** Turns a zod failure into a 422 that names every offending field. */
export function fromZod(error: z.ZodError, what = "request"): AppError {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  const names = Object.keys(fieldErrors).filter((k) => k !== "_");
  const message = names.length
    ? `Invalid ${what}: ${names.map((n) => `${n} (${fieldErrors[n]![0]})`).join(", ")}`
    : `Invalid ${what}: ${error.issues[0]?.message ?? "malformed"}`;
  return new AppError("UNPROCESSABLE", message, fieldErrors);
}
