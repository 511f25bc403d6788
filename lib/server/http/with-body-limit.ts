import "server-only";
import { errorResponse } from "./error-response";
import { readBodyWithin } from "./request-body";

/**
 * Wraps a handler that parses bodies itself (better-auth): the body is read here within `limit` (413 past it, before
 * the handler runs) and handed on as bytes already in memory, so the handler never reads an unbounded stream.
 */
export function withBodyLimit(handler: (request: Request) => Promise<Response>, limit: number): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method === "GET" || request.method === "HEAD") return handler(request);
    let body: Uint8Array<ArrayBuffer>;
    try {
      body = await readBodyWithin(request, limit);
    } catch (error) {
      return errorResponse(error);
    }
    const headers = new Headers(request.headers);
    // The length now is the length read; a chunked request has none of its own.
    headers.delete("transfer-encoding");
    headers.set("content-length", String(body.byteLength));
    return handler(
      new Request(request.url, {
        method: request.method,
        headers,
        body: body.byteLength ? body : null,
        signal: request.signal,
      }),
    );
  };
}
