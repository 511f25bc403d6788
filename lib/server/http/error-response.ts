import "server-only";
import { AppError } from "@/lib/server/errors/app-error";

/** An expected failure as `{ error: { code, message, fieldErrors } }` with its status; anything else as a bare 500. */
export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) {
    const headers = error.retryAfterSeconds ? { "Retry-After": String(error.retryAfterSeconds) } : undefined;
    return Response.json({ error: { code: error.code, message: error.message, fieldErrors: error.fieldErrors } }, { status: error.status, headers });
  }
  // Unexpected: log server-side, answer without internals.
  console.error(error);
  return Response.json({ error: { code: "INTERNAL", message: "Something went wrong on our side. Nothing was saved." } }, { status: 500 });
}
