/**
 * Browser-side JSON calls to the portal's own routes. Failures become an `ApiError` carrying the
 * server's message and field errors, whichever of the two error shapes answered:
 * our routes' `{ error: { code, message, fieldErrors } }` or better-auth's `{ code, message }`.
 */
export type FieldErrors = Record<string, string[]>;

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fieldErrors: FieldErrors;

  constructor(status: number, code: string, message: string, fieldErrors: FieldErrors = {}) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.fieldErrors = fieldErrors;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function errorFrom(response: Response, body: unknown): ApiError {
  const status = response.status;
  if (status === 429) {
    const retry = Number(response.headers.get("x-retry-after") ?? response.headers.get("retry-after"));
    const wait = Number.isFinite(retry) && retry > 0 ? `in ${Math.ceil(retry)} seconds` : "later";
    return new ApiError(status, "RATE_LIMITED", `Too many attempts. Please try again ${wait}.`);
  }
  const inner = isRecord(body) && isRecord(body.error) ? body.error : isRecord(body) ? body : {};
  const message =
    typeof inner.message === "string" && inner.message.trim()
      ? inner.message
      : status >= 500
        ? "Something went wrong on our side. Please try again."
        : `The request failed (HTTP ${status}).`;
  const code = typeof inner.code === "string" ? inner.code : `HTTP_${status}`;
  const fieldErrors: FieldErrors = {};
  if (isRecord(inner.fieldErrors)) {
    for (const [key, value] of Object.entries(inner.fieldErrors)) {
      if (Array.isArray(value)) fieldErrors[key] = value.filter((v): v is string => typeof v === "string");
    }
  }
  return new ApiError(status, code, message, fieldErrors);
}

export async function postJson<T = unknown>(url: string, body: unknown = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError(0, "NETWORK", "Could not reach the server. Check your connection and try again.");
  }
  const text = await response.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  if (!response.ok) throw errorFrom(response, parsed);
  return parsed as T;
}

/** A readable message for anything a mutation may throw (ours, wagmi/viem's, or unknown). */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (isRecord(error)) {
    // viem/wagmi errors carry a one-line `shortMessage`; the full `message` includes debugging details.
    if (typeof error.shortMessage === "string" && error.shortMessage) return error.shortMessage;
    if (typeof error.message === "string" && error.message) return error.message.split("\n")[0]!;
  }
  return "Something went wrong. Please try again.";
}

/** Only same-origin relative paths ("/x", not "//host" or "/\\host") are followed after sign-in. */
export function safeNextPath(candidate: string | null | undefined, fallback = "/dashboard"): string {
  if (!candidate || !candidate.startsWith("/") || candidate.startsWith("//") || candidate.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001f]/.test(candidate)) return fallback;
  return candidate;
}
