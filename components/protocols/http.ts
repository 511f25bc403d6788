/** JSON calls with any method, failing with the same `ApiError` as components/api-client's postJson. */
import { ApiError, type FieldErrors } from "@/components/api-client";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

export async function requestJson<T>(method: "GET" | "POST" | "PUT", url: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: { accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
      cache: "no-store",
    });
  } catch {
    throw new ApiError(0, "NETWORK", "Could not reach the server. Check your connection and try again.");
  }
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (response.ok) return parsed as T;
  const inner = isRecord(parsed) && isRecord(parsed.error) ? parsed.error : {};
  const fieldErrors: FieldErrors = {};
  if (isRecord(inner.fieldErrors)) {
    for (const [key, value] of Object.entries(inner.fieldErrors)) {
      if (Array.isArray(value)) fieldErrors[key] = value.filter((v): v is string => typeof v === "string");
    }
  }
  const message =
    typeof inner.message === "string" && inner.message
      ? inner.message
      : response.status >= 500
        ? "Something went wrong on our side. Please try again."
        : `The request failed (HTTP ${response.status}).`;
  throw new ApiError(response.status, typeof inner.code === "string" ? inner.code : `HTTP_${response.status}`, message, fieldErrors);
}
