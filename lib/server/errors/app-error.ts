/**
 * Expected failures carry a code; one table maps codes to HTTP status so that a user's mistake
 * is always a clear 4xx, never a 500 with a stack trace.
 */
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  /** A state-changing request that did not come from the portal's own pages (lib/server/http/same-origin.ts). */
  CROSS_SITE: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  GONE: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE: 422,
  RATE_LIMITED: 429,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fieldErrors?: FieldErrors;
  /** For RATE_LIMITED: when the caller may try again (sent as `Retry-After`). */
  readonly retryAfterSeconds?: number;

  constructor(code: ErrorCode, message: string, fieldErrors?: FieldErrors, opts: { retryAfterSeconds?: number } = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = fieldErrors;
    this.retryAfterSeconds = opts.retryAfterSeconds;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const unauthorized = (message = "Sign in to continue.") => new AppError("UNAUTHORIZED", message);
export const forbidden = (message = "You do not have the role this requires.") => new AppError("FORBIDDEN", message);
export const notFound = (what: string) => new AppError("NOT_FOUND", `${what} not found.`);
