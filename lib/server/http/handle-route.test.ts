// handleRoute's input discipline: path parameters, query string and body are each parsed with their schema before
// the handler runs; anything else is a 4xx whose fieldErrors name the parameter, never a 500.
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { ZProtocolVersionParamsSchema } from "@/lib/schemas/params";
import { ZRecordRefRequestSchema } from "@/lib/schemas/records";
import { env } from "@/lib/env";
import { AppError } from "@/lib/server/errors/app-error";
import { handleRoute } from "./handle-route";

// The session lookup is the one part replaced: these tests are about input, and "who is signed in" is answered by
// this stand-in, which lets no one in.
vi.mock("@/lib/server/auth/guards", () => ({
  requireApiRole: async () => {
    throw new AppError("UNAUTHORIZED", "Sign in to continue.");
  },
}));

type ErrorBody = { error: { code: string; message: string; fieldErrors?: Record<string, string[]> } };
const ctx = (params: Record<string, string | string[]>) => ({ params: Promise.resolve(params) });
const get = (query = "") => new Request(`http://portal.test/api/x${query}`);
const errorOf = async (response: Response) => ((await response.json()) as ErrorBody).error;

afterEach(() => vi.restoreAllMocks());

describe("path parameters", () => {
  const seen: unknown[] = [];
  const receipt = handleRoute({
    roles: "public",
    params: ZRecordRefRequestSchema,
    handler: async ({ params }) => {
      seen.push(params);
      const index: number = params.index; // the parsed type reaches the handler
      return { logId: params.logId, index };
    },
  });

  it("hands the handler the parsed, transformed values", async () => {
    const res = await receipt(get(), ctx({ logId: "TP-2026-0002", index: "5" }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ logId: "TP-2026-0002", index: 5 });
  });

  it.each(["abc", "01", "-1", "1.5", "1e3", " 7", "0x10", "9".repeat(16), "9".repeat(400), ""])("index %j is a 422 naming index", async (index) => {
    const before = seen.length;
    const res = await receipt(get(), ctx({ logId: "TP-2026-0002", index }));
    expect(res.status).toBe(422);
    const error = await errorOf(res);
    expect(Object.keys(error.fieldErrors ?? {})).toEqual(["index"]);
    expect(error.message).toMatch(/index/);
    expect(seen.length).toBe(before);
  });

  it("a catch-all style array where one segment is expected is a 422 naming it", async () => {
    const res = await receipt(get(), ctx({ logId: ["TP-2026-0002", "x"], index: "1" }));
    expect(res.status).toBe(422);
    expect(Object.keys((await errorOf(res)).fieldErrors ?? {})).toEqual(["logId"]);
  });

  it("versions beyond a billion and unknown segments are refused, each named", async () => {
    const envelope = handleRoute({
      roles: "public",
      params: ZProtocolVersionParamsSchema,
      handler: async ({ params }) => ({ v: params.version }),
    });
    const big = await envelope(get(), ctx({ publicId: "TP-2026-0001", version: "1000000000" }));
    expect(big.status).toBe(422);
    expect(Object.keys((await errorOf(big)).fieldErrors ?? {})).toEqual(["version"]);
    const extra = await envelope(get(), ctx({ publicId: "TP-2026-0001", version: "2", colour: "red" }));
    expect(extra.status).toBe(422);
    expect((await errorOf(extra)).fieldErrors).toEqual({ colour: ["is not expected here"] });
    const ok = await envelope(get(), ctx({ publicId: "TP-2026-0001", version: "2" }));
    expect(await ok.json()).toEqual({ v: 2 });
  });

  it("authorization comes first: an anonymous caller with a malformed id gets 401, not a hint about the id", async () => {
    const guarded = handleRoute({
      roles: ["platform_admin"],
      params: ZRecordRefRequestSchema,
      handler: async () => ({}),
    });
    const res = await guarded(get(), ctx({ logId: "nope", index: "abc" }));
    expect(res.status).toBe(401);
    expect((await errorOf(res)).fieldErrors).toBeUndefined();
  });
});

describe("query string", () => {
  const ZQuery = z.strictObject({
    page: z
      .string()
      .regex(/^[1-9][0-9]{0,5}$/, "must be a whole number from 1 to 999999")
      .transform(Number)
      .default(1),
    tag: z.array(z.string().max(20)).max(3, "at most 3 tags").optional(),
    sort: z.enum(["new", "old"]).optional(),
  });
  const list = handleRoute({ roles: "public", query: ZQuery, handler: async ({ query }) => query });
  const call = async (qs: string) => list(get(qs), ctx({}));

  it("parses into a plain object: defaults apply, empty values count as absent", async () => {
    expect(await (await call("")).json()).toEqual({ page: 1 });
    expect(await (await call("?page=3&sort=&tag=")).json()).toEqual({ page: 3 });
  });

  it("a repeated key is an array: accepted where the schema wants a list, a named 422 where it wants one value", async () => {
    expect(await (await call("?tag=a&tag=b")).json()).toEqual({ page: 1, tag: ["a", "b"] });
    const twice = await call("?sort=new&sort=old");
    expect(twice.status).toBe(422);
    expect(Object.keys((await errorOf(twice)).fieldErrors ?? {})).toEqual(["sort"]);
    const many = await call("?tag=a&tag=b&tag=c&tag=d");
    expect(many.status).toBe(422);
    expect((await errorOf(many)).fieldErrors).toEqual({ tag: ["at most 3 tags"] });
  });

  it.each([
    ["?page=0", "page"],
    ["?page=1000000000", "page"],
    [`?page=${"9".repeat(5000)}`, "page"],
    ["?page=2.5", "page"],
    ["?sort=sideways", "sort"],
    ["?colour=red", "colour"],
    ["?__proto__=x", "__proto__"],
    ["?constructor=x", "constructor"],
  ])("%s is a 422 naming %s", async (qs, key) => {
    const res = await call(qs);
    expect(res.status).toBe(422);
    const error = await errorOf(res);
    expect(Object.keys(error.fieldErrors ?? {})).toEqual([key]);
  });

  it("a query string longer than any parameter needs is a 400 naming the longest parameter", async () => {
    const res = await call(`?sort=new&blob=${"x".repeat(20_000)}`);
    expect(res.status).toBe(400);
    expect(Object.keys((await errorOf(res)).fieldErrors ?? {})).toEqual(["blob"]);
  });
});

describe("body and failures", () => {
  const create = handleRoute({
    roles: "public",
    body: z.strictObject({ title: z.string().min(1, "Title is required") }),
    handler: async ({ body }) => ({ got: body.title }),
  });
  const origin = new URL(env().BETTER_AUTH_URL).origin;
  const post = (body: string, type = "application/json") =>
    new Request("http://portal.test/api/x", { method: "POST", body, headers: { "content-type": type, origin } });

  it("parses the body; malformed JSON is 400, another media type 415, a bad or unknown field is 422 naming it", async () => {
    expect(await (await create(post('{"title":"A"}'), ctx({}))).json()).toEqual({ got: "A" });
    expect((await create(post("{oops"), ctx({}))).status).toBe(400);
    expect((await create(post('{"title":"A"}', "text/plain"), ctx({}))).status).toBe(415);
    const empty = await create(post('{"title":""}'), ctx({}));
    expect(empty.status).toBe(422);
    expect((await errorOf(empty)).fieldErrors).toEqual({ title: ["Title is required"] });
    const extra = await create(post('{"title":"A","admin":true}'), ctx({}));
    expect((await errorOf(extra)).fieldErrors).toEqual({ admin: ["is not expected here"] });
  });

  it("an expected failure keeps its status; an unexpected one is a 500 without internals", async () => {
    const gone = handleRoute({
      roles: "public",
      handler: async () => Promise.reject(new AppError("GONE", "This link was used.")),
    });
    expect((await gone(get(), ctx({}))).status).toBe(410);
    vi.spyOn(console, "error").mockImplementation(() => {});
    const broken = handleRoute({
      roles: "public",
      handler: async () => Promise.reject(new Error("connection refused at 10.0.0.5")),
    });
    const res = await broken(get(), ctx({}));
    expect(res.status).toBe(500);
    expect(JSON.stringify(await res.json())).not.toContain("10.0.0.5");
  });

  it("a route without a params schema gives its handler nothing to read by mistake", async () => {
    const route = handleRoute({
      roles: "public",
      handler: async ({ params, query }) => {
        // @ts-expect-error -- undeclared path parameters are not available
        void params.trialId;
        // @ts-expect-error -- undeclared query parameters are not available
        void query.page;
        return { params, query };
      },
    });
    expect(await (await route(get("?page=2"), ctx({ trialId: "tri_x" }))).json()).toEqual({ params: {}, query: {} });
  });
});
