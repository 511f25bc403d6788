// The browser client's contract: what each status class becomes, for every caller alike. The network is replaced
// at the test boundary only (`fakeFetchForTest` stands in for the browser's fetch; nothing else is stubbed).
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  ApiError,
  apiRequest,
  messageOf,
  NETWORK_MESSAGE,
  NOT_ALLOWED_MESSAGE,
  NOT_JSON_MESSAGE,
  safeNextPath,
  SERVER_FAULT_MESSAGE,
  SESSION_ENDED_MESSAGE,
} from "./api-client";

type Sent = { url: string; init: RequestInit };
let sent: Sent[] = [];

/** Answers every request with `answer` (or throws it) and records what was sent. */
function fakeFetchForTest(answer: Response | Error | ((init: RequestInit) => Promise<Response>)) {
  const fake = async (url: string | URL | Request, init: RequestInit = {}) => {
    sent.push({ url: String(url), init });
    if (answer instanceof Error) throw answer;
    if (typeof answer === "function") return answer(init);
    return answer;
  };
  vi.stubGlobal("fetch", fake);
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
const routeError = (status: number, code: string, message: string, fieldErrors?: Record<string, unknown>) =>
  json(status, { error: { code, message, fieldErrors } });

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

afterEach(() => {
  vi.unstubAllGlobals();
  sent = [];
});

describe("apiRequest: what is sent", () => {
  it("sends JSON with any method and resolves with the parsed answer", async () => {
    for (const method of ["POST", "PUT", "DELETE"] as const) {
      fakeFetchForTest(json(200, { ok: method }));
      await expect(apiRequest<{ ok: string }>(method, "/api/x", { a: 1 })).resolves.toEqual({ ok: method });
      const { init } = sent.at(-1)!;
      expect(init.method).toBe(method);
      expect(init.body).toBe('{"a":1}');
      expect(new Headers(init.headers).get("content-type")).toBe("application/json");
      expect(init.credentials).toBe("same-origin");
    }
  });

  it("a GET carries no body nor content type, and refuses one before anything is sent", async () => {
    fakeFetchForTest(json(200, [1, 2]));
    await expect(apiRequest("GET", "/api/list")).resolves.toEqual([1, 2]);
    expect(sent[0]!.init.body).toBeUndefined();
    expect(new Headers(sent[0]!.init.headers).has("content-type")).toBe(false);
    await expect(apiRequest("GET", "/api/list", { q: "x" })).rejects.toThrow(TypeError);
    expect(sent).toHaveLength(1);
  });

  it("an empty success (204) resolves with null", async () => {
    fakeFetchForTest(new Response(null, { status: 204 }));
    await expect(apiRequest("DELETE", "/api/x")).resolves.toBeNull();
  });
});

describe("apiRequest: every status class", () => {
  it("401 says the session ended, whatever the route said", async () => {
    fakeFetchForTest(routeError(401, "UNAUTHORIZED", "Sign in to continue."));
    const error = await failure(apiRequest("POST", "/api/sponsor/trials", { title: "t" }));
    expect(error).toMatchObject({ status: 401, code: "SESSION_ENDED", message: SESSION_ENDED_MESSAGE });
  });

  it("401 of a credential check keeps the server's words (wrong password is not an ended session)", async () => {
    fakeFetchForTest(json(401, { code: "INVALID_EMAIL_OR_PASSWORD", message: "Invalid email or password" }));
    const error = await failure(apiRequest("POST", "/api/auth/sign-in/email", { email: "a@b.c", password: "x" }, { credentialCheck: true }));
    expect(error).toMatchObject({
      status: 401,
      code: "INVALID_EMAIL_OR_PASSWORD",
      message: "Invalid email or password",
    });
  });

  it("403 is 'not allowed': the server's reason when it gave one, a plain sentence otherwise", async () => {
    fakeFetchForTest(routeError(403, "FORBIDDEN", "You are not a sponsor admin of that organization."));
    expect(await failure(apiRequest("GET", "/api/x"))).toMatchObject({
      status: 403,
      code: "FORBIDDEN",
      message: "You are not a sponsor admin of that organization.",
    });
    fakeFetchForTest(new Response("<h1>Forbidden</h1>", { status: 403, headers: { "content-type": "text/html" } }));
    expect(await failure(apiRequest("GET", "/api/x"))).toMatchObject({ status: 403, message: NOT_ALLOWED_MESSAGE });
  });

  it("409 and 422 carry the server's message and its field errors (non-text entries dropped)", async () => {
    fakeFetchForTest(routeError(409, "CONFLICT", "A newer draft was saved.", { updatedAt: ["Reload first"] }));
    expect(await failure(apiRequest("PUT", "/api/x", {}))).toMatchObject({
      status: 409,
      code: "CONFLICT",
      message: "A newer draft was saved.",
      fieldErrors: { updatedAt: ["Reload first"] },
    });
    fakeFetchForTest(
      routeError(422, "UNPROCESSABLE", "Invalid request: email (Enter a valid email address.)", {
        email: ["Enter a valid email address.", 7],
        junk: "not a list",
        empty: [],
      }),
    );
    const error = await failure(apiRequest("POST", "/api/invitations", { email: "x" }));
    expect(error.status).toBe(422);
    expect(error.message).toBe("Invalid request: email (Enter a valid email address.)");
    expect(error.fieldErrors).toEqual({ email: ["Enter a valid email address."] });
  });

  it("429 says when to retry, from X-Retry-After, Retry-After seconds or an HTTP date", async () => {
    fakeFetchForTest(json(429, { message: "Too many requests" }, { "x-retry-after": "30" }));
    expect((await failure(apiRequest("POST", "/api/x", {}))).message).toBe("Too many attempts. Please try again in 30 seconds.");
    fakeFetchForTest(json(429, {}, { "retry-after": "1" }));
    expect((await failure(apiRequest("POST", "/api/x", {}))).message).toBe("Too many attempts. Please try again in 1 second.");
    fakeFetchForTest(json(429, {}, { "retry-after": new Date(Date.now() + 120_000).toUTCString() }));
    expect((await failure(apiRequest("POST", "/api/x", {}))).message).toMatch(/^Too many attempts\. Please try again in 1[12]\d seconds\.$/);
    fakeFetchForTest(json(429, {}));
    const error = await failure(apiRequest("POST", "/api/x", {}));
    expect(error).toMatchObject({
      status: 429,
      code: "RATE_LIMITED",
      message: "Too many attempts. Please try again in a little while.",
    });
  });

  it("404 and other 4xx keep the server's message; without one, the status is named", async () => {
    fakeFetchForTest(routeError(404, "NOT_FOUND", "Trial not found."));
    expect(await failure(apiRequest("GET", "/api/x"))).toMatchObject({
      status: 404,
      code: "NOT_FOUND",
      message: "Trial not found.",
    });
    fakeFetchForTest(new Response("", { status: 410 }));
    expect(await failure(apiRequest("GET", "/api/x"))).toMatchObject({
      status: 410,
      code: "HTTP_410",
      message: "The request failed (HTTP 410).",
    });
  });

  it("5xx, even as an HTML page from a proxy, is 'something went wrong on our side'", async () => {
    fakeFetchForTest(new Response("<html><body>Bad gateway</body></html>", { status: 502, headers: { "content-type": "text/html" } }));
    expect(await failure(apiRequest("GET", "/api/x"))).toMatchObject({
      status: 502,
      code: "HTTP_502",
      message: SERVER_FAULT_MESSAGE,
    });
    fakeFetchForTest(routeError(500, "INTERNAL", "Something went wrong on our side. Nothing was saved."));
    expect(await failure(apiRequest("POST", "/api/x", {}))).toMatchObject({
      status: 500,
      code: "INTERNAL",
      message: "Something went wrong on our side. Nothing was saved.",
    });
  });

  it("a success that is not JSON is an error, not a silent null", async () => {
    fakeFetchForTest(new Response("<!doctype html><title>Sign in</title>", { status: 200, headers: { "content-type": "text/html" } }));
    expect(await failure(apiRequest("GET", "/api/x"))).toMatchObject({
      status: 200,
      code: "NOT_JSON",
      message: NOT_JSON_MESSAGE,
    });
  });

  it("a network failure is status 0 with a message about the connection", async () => {
    fakeFetchForTest(new TypeError("Failed to fetch"));
    expect(await failure(apiRequest("POST", "/api/x", {}))).toMatchObject({
      status: 0,
      code: "NETWORK",
      message: NETWORK_MESSAGE,
    });
  });

  it("a cancelled request passes its abort through instead of calling it a network failure", async () => {
    const controller = new AbortController();
    fakeFetchForTest(async () => {
      controller.abort();
      throw new DOMException("The operation was aborted.", "AbortError");
    });
    const error = await apiRequest("GET", "/api/x", undefined, { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(ApiError);
    expect((error as Error).name).toBe("AbortError");
    expect(sent[0]!.init.signal).toBe(controller.signal);
  });
});

describe("messageOf and safeNextPath", () => {
  it("messageOf prefers ours, then wallet short messages, then the first line", () => {
    expect(messageOf(new ApiError(422, "X", "Name is required."))).toBe("Name is required.");
    expect(messageOf({ shortMessage: "User rejected the request.", message: "long\ndetails" })).toBe("User rejected the request.");
    expect(messageOf(new Error("first line\nstack-ish details"))).toBe("first line");
    expect(messageOf(42)).toBe("Something went wrong. Please try again.");
  });

  it("safeNextPath follows only same-origin relative paths", () => {
    expect(safeNextPath("/sponsor/trials?x=1")).toBe("/sponsor/trials?x=1");
    for (const bad of ["//evil.test", "/\\evil.test", "https://evil.test", "/x\u0000", "", null, undefined])
      expect(safeNextPath(bad)).toBe("/dashboard");
  });
});
