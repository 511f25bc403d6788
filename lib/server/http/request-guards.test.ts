// What handleRoute refuses before a handler runs: state-changing requests from other sites (403), bodies that are not
// exactly JSON (415) and bodies past the limit (413, without reading them to the end).
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { env } from "@/lib/env";
import { AppError } from "@/lib/server/errors/app-error";
import { handleRoute } from "./handle-route";
import { isJsonMediaType, MAX_JSON_BODY_BYTES } from "./request-body";

// "Who is signed in" is answered by this stand-in, which lets no one in, and counts how often it was asked.
const sessionLookups = vi.hoisted(() => ({ count: 0 }));
vi.mock("@/lib/server/auth/guards", () => ({
  requireApiRole: async () => {
    sessionLookups.count++;
    throw new AppError("UNAUTHORIZED", "Sign in to continue.");
  },
}));

const ORIGIN = new URL(env().BETTER_AUTH_URL).origin;
const URL_ = "http://portal.test/api/x";
const ctx = { params: Promise.resolve({}) };
type ErrorBody = { error: { code: string; message: string } };

let runs = 0;
const route = handleRoute({
  roles: "public",
  body: z.strictObject({ title: z.string(), pad: z.string().optional() }),
  handler: async ({ body }) => {
    runs++;
    return { got: body.title };
  },
});

function post(init: { body?: BodyInit | null; headers?: Record<string, string>; method?: string } = {}): Request {
  return new Request(URL_, {
    method: init.method ?? "POST",
    body: init.body === undefined ? '{"title":"A"}' : init.body,
    headers: { "content-type": "application/json", origin: ORIGIN, ...init.headers },
    duplex: "half",
  } as RequestInit);
}

/** Calls the route and reports its status, error code and whether the handler ran. */
async function attempt(request: Request) {
  const before = runs;
  const res = await route(request, ctx);
  const body = (await res.json()) as Partial<ErrorBody>;
  return { status: res.status, code: body.error?.code, message: body.error?.message ?? "", ran: runs > before };
}

/** A body produced on demand, `chunk` bytes at a time, for ever (or `total` bytes); counts the chunks pulled. */
function streamed(opts: { chunk: number; total?: number; prefix?: string }) {
  const pulled = { chunks: 0 };
  const encoder = new TextEncoder();
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    // Yields to the event loop per chunk, so a reader that never stops times out instead of hanging the run.
    async pull(controller) {
      await new Promise((resolve) => setImmediate(resolve));
      if (opts.total !== undefined && sent >= opts.total) return controller.close();
      const first = pulled.chunks === 0 && opts.prefix ? encoder.encode(opts.prefix) : null;
      const bytes = first ?? new Uint8Array(opts.chunk).fill(0x61);
      pulled.chunks++;
      sent += bytes.byteLength;
      controller.enqueue(bytes);
    },
  });
  return { body, pulled };
}

describe("where a state-changing request comes from", () => {
  it.each(["POST", "PUT", "PATCH", "DELETE"])("%s from another site's page is a 403 in words; the handler never runs", async (method) => {
    const r = await attempt(post({ method, headers: { origin: "https://evil.example" } }));
    expect(r).toMatchObject({ status: 403, code: "CROSS_SITE", ran: false });
    expect(r.message).toMatch(/another site \(Origin: https:\/\/evil\.example\)/);
  });

  it.each([
    ["an opaque origin", { origin: "null" }],
    ["the portal's host on another port", { origin: `${ORIGIN.replace(/:\d+$/, "")}:9999` }],
    [
      "the portal's host on the other scheme",
      { origin: ORIGIN.startsWith("https:") ? ORIGIN.replace("https:", "http:") : ORIGIN.replace("http:", "https:") },
    ],
    ["no Origin and Sec-Fetch-Site cross-site", { origin: "", "sec-fetch-site": "cross-site" }],
    ["no Origin and Sec-Fetch-Site same-site (a sibling subdomain)", { origin: "", "sec-fetch-site": "same-site" }],
    ["no Origin and Sec-Fetch-Site none", { origin: "", "sec-fetch-site": "none" }],
  ])("%s is refused", async (_what, headers) => {
    const request = post({ headers });
    if (headers.origin === "") request.headers.delete("origin");
    expect(await attempt(request)).toMatchObject({ status: 403, code: "CROSS_SITE", ran: false });
  });

  it("a client that says nothing about where it comes from is told to send Origin", async () => {
    const request = post();
    request.headers.delete("origin");
    const r = await attempt(request);
    expect(r).toMatchObject({ status: 403, ran: false });
    expect(r.message).toContain(`send an Origin header with the portal's address (${ORIGIN})`);
  });

  it("the portal's own pages get through: same Origin, or no Origin with Sec-Fetch-Site same-origin", async () => {
    expect(await attempt(post())).toMatchObject({ status: 200, ran: true });
    const request = post({ headers: { "sec-fetch-site": "same-origin" } });
    request.headers.delete("origin");
    expect(await attempt(request)).toMatchObject({ status: 200, ran: true });
  });

  it("the origin is checked before the session is even looked up", async () => {
    const guarded = handleRoute({ roles: ["platform_admin"], handler: async () => ({}) });
    const before = sessionLookups.count;
    const foreign = await guarded(post({ headers: { origin: "https://evil.example" } }), ctx);
    expect(foreign.status).toBe(403);
    expect(sessionLookups.count).toBe(before);
    expect((await guarded(post(), ctx)).status).toBe(401);
    expect(sessionLookups.count).toBe(before + 1);
  });

  it("browser GETs are unchanged: no Origin needed, a foreign one does not matter", async () => {
    const list = handleRoute({ roles: "public", handler: async () => ({ ok: "listed" }) });
    expect((await list(new Request(URL_), ctx)).status).toBe(200);
    expect((await list(new Request(URL_, { headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" } }), ctx)).status).toBe(200);
  });
});

describe("the body's media type", () => {
  it.each([
    "text/plain;application/json",
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "application/jsonx",
    "application/json, text/plain",
    "application/json; charset=latin1",
    "application/json; charset=utf-8; x=1",
    "",
  ])("%j is a 415 naming the expected type; the handler never runs", async (type) => {
    const request = post({ headers: { "content-type": type } });
    if (type === "") request.headers.delete("content-type");
    const r = await attempt(request);
    expect(r).toMatchObject({ status: 415, code: "UNSUPPORTED_MEDIA_TYPE", ran: false });
    expect(r.message).toContain("Content-Type: application/json");
  });

  it.each(["application/json", "Application/JSON", "application/json; charset=utf-8", 'application/json;charset="UTF-8"'])(
    "%j is accepted",
    async (type) => {
      expect(await attempt(post({ headers: { "content-type": type } }))).toMatchObject({ status: 200, ran: true });
      expect(isJsonMediaType(type)).toBe(true);
    },
  );
});

describe("the body's size", () => {
  it("a streamed body past the limit is a 413, read no further than the limit; the handler never runs", async () => {
    // Endless: a reader that wanted the whole body would never return.
    const { body, pulled } = streamed({ chunk: 16 * 1024, prefix: '{"title":"A","pad":"' });
    const r = await attempt(post({ body }));
    expect(r).toMatchObject({ status: 413, code: "PAYLOAD_TOO_LARGE", ran: false });
    expect(r.message).toContain(`at most ${MAX_JSON_BODY_BYTES / 1024} KiB`);
    expect(pulled.chunks).toBeLessThanOrEqual(MAX_JSON_BODY_BYTES / (16 * 1024) + 2);
  });

  it("a Content-Length that understates a chunked body does not let the rest through", async () => {
    const { body } = streamed({ chunk: 64 * 1024, prefix: '{"title":"A","pad":"' });
    expect(await attempt(post({ body, headers: { "content-length": "20" } }))).toMatchObject({
      status: 413,
      ran: false,
    });
  });

  it("a declared Content-Length past the limit is refused before a byte is read", async () => {
    const { body, pulled } = streamed({ chunk: 1024 });
    const r = await attempt(post({ body, headers: { "content-length": String(MAX_JSON_BODY_BYTES + 1) } }));
    expect(r).toMatchObject({ status: 413, ran: false });
    expect(pulled.chunks).toBeLessThanOrEqual(1); // a stream may pre-fill its queue once; nothing is read from it
  });

  it("a body of exactly the limit is read in full and parsed; one byte more is not", async () => {
    const frame = '{"title":"A","pad":""}';
    const exact = `{"title":"A","pad":"${"x".repeat(MAX_JSON_BODY_BYTES - frame.length)}"}`;
    expect(new TextEncoder().encode(exact).byteLength).toBe(MAX_JSON_BODY_BYTES);
    expect(await attempt(post({ body: exact }))).toMatchObject({ status: 200, ran: true });
    const over = `{"title":"A","pad":"${"x".repeat(MAX_JSON_BODY_BYTES - frame.length + 1)}"}`;
    expect(await attempt(post({ body: over }))).toMatchObject({ status: 413, ran: false });
  });

  it("a malformed Content-Length or bytes that are not UTF-8 are a 400", async () => {
    expect(await attempt(post({ headers: { "content-length": "12, 12" } }))).toMatchObject({ status: 400, ran: false });
    const latin1 = new Uint8Array([...new TextEncoder().encode('{"title":"'), 0xe9, ...new TextEncoder().encode('"}')]);
    const r = await attempt(post({ body: latin1 }));
    expect(r).toMatchObject({ status: 400, ran: false });
    expect(r.message).toMatch(/UTF-8/);
  });
});
