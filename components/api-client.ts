/**
 * The one browser-side client for the portal's own JSON routes. Every failure becomes an `ApiError` with a message a
 * person can act on, whichever error shape answered: our routes' `{ error: { code, message, fieldErrors } }` or
 * better-auth's `{ code, message }`. Status classes are handled here once, so no form words them differently:
 * 401 session ended · 403 not allowed · 409/422 the server's message and field errors · 429 when to retry ·
 * 5xx our fault · network failure · an answer that is not JSON.
 *
 * Result types come from what the server returns (lib/api/results.ts), never from a shape re-declared by hand.
 */
export type FieldErrors = Record<string, string[]>;

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

export interface ApiRequestOptions {
  /** Cancels the request (react-query passes one to every query function). */
  signal?: AbortSignal;
  /**
   * The call itself checks credentials (sign-in): a 401 then means the email, password or signature was wrong, so
   * the server's own message is shown instead of "your session has ended".
   */
  credentialCheck?: boolean;
}

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

export const SESSION_ENDED_MESSAGE = "Your session has ended. Sign in again to continue.";
export const NOT_ALLOWED_MESSAGE = "You are not allowed to do this.";
export const NETWORK_MESSAGE = "Could not reach the server. Check your connection and try again.";
export const SERVER_FAULT_MESSAGE = "Something went wrong on our side. Please try again.";
export const NOT_JSON_MESSAGE = "The server sent an answer this page cannot read. Please reload and try again.";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** Seconds to wait, from `Retry-After` (seconds or an HTTP date) or better-auth's `X-Retry-After`. */
function retryAfterSeconds(headers: Headers, now = Date.now()): number | null {
  const raw = headers.get("x-retry-after") ?? headers.get("retry-after");
  if (!raw) return null;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return seconds > 0 ? Math.ceil(seconds) : null;
  const at = Date.parse(raw);
  return Number.isFinite(at) && at > now ? Math.ceil((at - now) / 1000) : null;
}

function fieldErrorsOf(inner: Record<string, unknown>): FieldErrors {
  const fieldErrors: FieldErrors = {};
  if (!isRecord(inner.fieldErrors)) return fieldErrors;
  for (const [key, value] of Object.entries(inner.fieldErrors)) {
    if (!Array.isArray(value)) continue;
    const messages = value.filter((v): v is string => typeof v === "string");
    if (messages.length) fieldErrors[key] = messages;
  }
  return fieldErrors;
}

function errorFrom(response: Response, body: unknown, options: ApiRequestOptions): ApiError {
  const status = response.status;
  const inner = isRecord(body) && isRecord(body.error) ? body.error : isRecord(body) ? body : {};
  const serverMessage = typeof inner.message === "string" && inner.message.trim() ? inner.message : null;
  const serverCode = typeof inner.code === "string" && inner.code ? inner.code : null;
  const fieldErrors = fieldErrorsOf(inner);

  if (status === 401 && !options.credentialCheck) return new ApiError(401, "SESSION_ENDED", SESSION_ENDED_MESSAGE);
  if (status === 403) return new ApiError(403, serverCode ?? "FORBIDDEN", serverMessage ?? NOT_ALLOWED_MESSAGE);
  if (status === 429) {
    const wait = retryAfterSeconds(response.headers);
    const when = wait ? `in ${wait} second${wait === 1 ? "" : "s"}` : "in a little while";
    return new ApiError(429, "RATE_LIMITED", `Too many attempts. Please try again ${when}.`);
  }
  if (status >= 500) return new ApiError(status, serverCode ?? `HTTP_${status}`, serverMessage ?? SERVER_FAULT_MESSAGE);
  // 400, 401 of a credential check, 404, 409, 410, 422 and the rest: the server's words, and its field errors.
  return new ApiError(status, serverCode ?? `HTTP_${status}`, serverMessage ?? `The request failed (HTTP ${status}).`, fieldErrors);
}

/**
 * Sends `body` (if any) as JSON and resolves with the parsed JSON answer typed as `T` (`null` when the answer is
 * empty). Rejects with an `ApiError`: status 0 when the server could not be reached.
 */
export async function apiRequest<T = unknown>(method: HttpMethod, url: string, body?: unknown, options: ApiRequestOptions = {}): Promise<T> {
  if (method === "GET" && body !== undefined) throw new TypeError("A GET request carries no body: put its inputs in the query string.");
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: { accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
      cache: "no-store",
      signal: options.signal,
    });
  } catch (error) {
    // A cancelled request is not a network failure: react-query expects the abort to pass through.
    if (options.signal?.aborted) throw error;
    throw new ApiError(0, "NETWORK", NETWORK_MESSAGE);
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError(0, "NETWORK", NETWORK_MESSAGE);
  }
  let parsed: unknown = null;
  let readable = true;
  if (text.trim()) {
    try {
      parsed = JSON.parse(text);
    } catch {
      readable = false;
    }
  }
  if (!response.ok) throw errorFrom(response, parsed, options);
  if (!readable) throw new ApiError(response.status, "NOT_JSON", NOT_JSON_MESSAGE);
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
