// The sign-in endpoints' route: better-auth parses bodies itself, so the route reads them first, within the limit.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { MAX_AUTH_BODY_BYTES } from "./request-body";

// better-auth stands behind this function; the stand-in records what reached it.
const reached = vi.hoisted(() => ({
  requests: [] as Array<{ method: string; body: string; length: string | null; headers: Headers }>,
}));
vi.mock("@/lib/server/auth/handle-auth-request", () => ({
  handleAuthRequest: async (request: Request) => {
    reached.requests.push({
      method: request.method,
      body: await request.text(),
      length: request.headers.get("content-length"),
      headers: request.headers,
    });
    return Response.json({ ok: true });
  },
}));

const { GET, POST } = await import("@/app/api/auth/[...all]/route");

beforeEach(() => {
  reached.requests.length = 0;
});

const URL_ = "http://localhost:3000/api/auth/sign-in/email";
function post(body: BodyInit, headers: Record<string, string> = {}): Request {
  return new Request(URL_, {
    method: "POST",
    body,
    headers: { "content-type": "application/json", ...headers },
    duplex: "half",
  } as RequestInit);
}
function endless(chunk: number) {
  const pulled = { chunks: 0 };
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      await new Promise((resolve) => setImmediate(resolve)); // a reader that never stops times out, not hangs
      pulled.chunks++;
      controller.enqueue(new Uint8Array(chunk).fill(0x61));
    },
  });
  return { body, pulled };
}

describe("the auth endpoint's body limit", () => {
  it("an oversize body is a 413 before better-auth sees the request", async () => {
    const res = await POST(post(JSON.stringify({ email: "a@b.test", password: "x".repeat(MAX_AUTH_BODY_BYTES) })));
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("PAYLOAD_TOO_LARGE");
    expect(reached.requests).toHaveLength(0);
  });

  it("an endless chunked body (with a Content-Length that lies) is cut off at the limit", async () => {
    const { body, pulled } = endless(4096);
    const res = await POST(post(body, { "content-length": "64" }));
    expect(res.status).toBe(413);
    expect(reached.requests).toHaveLength(0);
    expect(pulled.chunks).toBeLessThanOrEqual(MAX_AUTH_BODY_BYTES / 4096 + 2);
  });

  it("a declared length past the limit is refused without reading", async () => {
    const { body, pulled } = endless(1024);
    const res = await POST(post(body, { "content-length": String(MAX_AUTH_BODY_BYTES + 1) }));
    expect(res.status).toBe(413);
    expect(pulled.chunks).toBeLessThanOrEqual(1);
    expect(reached.requests).toHaveLength(0);
  });

  it("a body within the limit reaches better-auth unchanged, with its real length and every other header", async () => {
    const json = JSON.stringify({ email: "sponsor@demo.trialproof.test", password: "é".repeat(100) });
    const res = await POST(post(json, { origin: "http://localhost:3000", cookie: "a=b" }));
    expect(res.status).toBe(200);
    expect(reached.requests).toHaveLength(1);
    const [seen] = reached.requests;
    expect(seen!.body).toBe(json);
    expect(seen!.length).toBe(String(new TextEncoder().encode(json).byteLength));
    expect(seen!.headers.get("origin")).toBe("http://localhost:3000");
    expect(seen!.headers.get("cookie")).toBe("a=b");
    expect(seen!.headers.get("content-type")).toBe("application/json");
  });

  it("GET passes straight through", async () => {
    const res = await GET(new Request("http://localhost:3000/api/auth/get-session"));
    expect(res.status).toBe(200);
    expect(reached.requests).toMatchObject([{ method: "GET", body: "" }]);
  });
});
