import "server-only";
import { AppError } from "@/lib/server/errors/app-error";

/** The largest JSON body a custom route reads (a protocol draft with every section filled is far below it). */
export const MAX_JSON_BODY_BYTES = 256 * 1024;
/** The largest body the sign-in endpoints read: credentials, a SIWE message and its signature. */
export const MAX_AUTH_BODY_BYTES = 16 * 1024;

function tooLarge(limit: number): AppError {
  return new AppError("PAYLOAD_TOO_LARGE", `The request body is too large (at most ${Math.floor(limit / 1024)} KiB).`);
}

/**
 * The body's bytes, refused with 413 as soon as it is known to exceed `limit`: up front when Content-Length says so,
 * otherwise while reading, chunk by chunk, so a body sent without a length (or with a false one) is never read
 * further than the limit and never held in memory whole.
 */
export async function readBodyWithin(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = request.headers.get("content-length");
  if (declared !== null) {
    if (!/^\s*\d+\s*$/.test(declared)) throw new AppError("BAD_REQUEST", "The Content-Length header is not a number.");
    if (Number(declared) > limit) throw tooLarge(limit);
  }
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

/**
 * Exactly `application/json`, with at most a UTF-8 charset parameter. Anything else is refused, in particular the
 * `text/plain;application/json` a cross-site form or a no-preflight fetch can send.
 */
export function isJsonMediaType(contentType: string | null): boolean {
  if (contentType === null) return false;
  const [essence, ...parameters] = contentType.split(";");
  if (essence!.trim().toLowerCase() !== "application/json") return false;
  const given = parameters.map((p) => p.trim()).filter(Boolean);
  return given.length <= 1 && given.every((p) => /^charset\s*=\s*"?utf-8"?$/i.test(p));
}

/** The request's JSON body: 415 for another media type, 413 past `limit`, 400 for bytes that are not UTF-8 JSON. */
export async function readJsonBody(request: Request, limit = MAX_JSON_BODY_BYTES): Promise<unknown> {
  const type = request.headers.get("content-type");
  if (!isJsonMediaType(type)) {
    throw new AppError(
      "UNSUPPORTED_MEDIA_TYPE",
      `Send a JSON body with Content-Type: application/json${type ? ` (this request said ${type.slice(0, 100)})` : ""}.`,
    );
  }
  const bytes = await readBodyWithin(request, limit);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("BAD_REQUEST", "The request body is not valid UTF-8.");
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("BAD_REQUEST", "Request body is not valid JSON.");
  }
}
