// The registry's query schema: every choice the /trials page offers is accepted, anything else is refused with a
// message naming the parameter, and nothing makes parsing throw.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { REGISTRY_PHASE_OPTIONS, REGISTRY_STATUS_OPTIONS } from "@/app/trials/filter-options";
import { queryObjectOf } from "./query";
import { REGISTRY_PAGE_MAX, REGISTRY_PAGE_SIZE_DEFAULT, ZRegistryQuerySchema } from "./registry";

const parse = (qs: string) => ZRegistryQuerySchema.safeParse(queryObjectOf(new URLSearchParams(qs)));
const failingParameters = (qs: string) => {
  const r = parse(qs);
  expect(r.success).toBe(false);
  return r.success ? [] : [...new Set(r.error.issues.map((i) => i.path.join(".")))].sort();
};

describe("ZRegistryQuerySchema", () => {
  it("accepts every status and phase the search form offers, alone and together", () => {
    expect(REGISTRY_STATUS_OPTIONS.length).toBeGreaterThan(0);
    expect(REGISTRY_PHASE_OPTIONS.length).toBeGreaterThan(0);
    for (const s of REGISTRY_STATUS_OPTIONS) {
      expect(parse(`status=${encodeURIComponent(s.value)}`)).toMatchObject({
        success: true,
        data: { status: s.value },
      });
      for (const p of REGISTRY_PHASE_OPTIONS) {
        expect(parse(`status=${encodeURIComponent(s.value)}&phase=${encodeURIComponent(p.value)}&country=de&q=aspirin`)).toMatchObject({
          success: true,
          data: { status: s.value, phase: p.value, country: "DE", q: "aspirin" },
        });
      }
    }
    expect(new Set(REGISTRY_STATUS_OPTIONS.map((o) => o.label)).size).toBe(REGISTRY_STATUS_OPTIONS.length);
  });

  it("reads the form's empty fields as no filter and defaults the page", () => {
    expect(parse("q=&status=&phase=&country=")).toEqual({
      success: true,
      data: { page: 1, pageSize: REGISTRY_PAGE_SIZE_DEFAULT },
    });
    expect(parse("q=%20%20&country=%20")).toEqual({
      success: true,
      data: { page: 1, pageSize: REGISTRY_PAGE_SIZE_DEFAULT },
    });
  });

  it("refuses what the form never offers, naming the parameter", () => {
    expect(failingParameters("status=draft")).toEqual(["status"]);
    expect(failingParameters("status=awaiting_signature")).toEqual(["status"]);
    expect(failingParameters("status=registered")).toEqual(["status"]);
    expect(failingParameters("status=active")).toEqual(["status"]);
    expect(failingParameters("phase=phase_9")).toEqual(["phase"]);
    expect(failingParameters("country=Germany")).toEqual(["country"]);
    expect(failingParameters("country=1")).toEqual(["country"]);
    expect(failingParameters("page=0")).toEqual(["page"]);
    expect(failingParameters("page=-1")).toEqual(["page"]);
    expect(failingParameters("page=1.5")).toEqual(["page"]);
    expect(failingParameters("page=1e3")).toEqual(["page"]);
    expect(failingParameters("page=abc")).toEqual(["page"]);
    expect(failingParameters(`page=${10 ** 9}`)).toEqual(["page"]);
    expect(failingParameters(`page=${REGISTRY_PAGE_MAX + 1}`)).toEqual(["page"]);
    expect(failingParameters("page=99999999999999999999999")).toEqual(["page"]);
    expect(failingParameters("pageSize=1000")).toEqual(["pageSize"]);
    expect(failingParameters(`q=${"x".repeat(10_000)}`)).toEqual(["q"]);
    expect(failingParameters("q=a%00b")).toEqual(["q"]);
    expect(failingParameters("status=recruiting&status=completed")).toEqual(["status"]);
    expect(failingParameters("phase=phase_9&pageSize=1000")).toEqual(["pageSize", "phase"]);
    expect(parse(`page=${REGISTRY_PAGE_MAX}`).success).toBe(true);
  });

  it("never echoes the value it refuses", () => {
    const r = parse(`status=${"<script>".repeat(100)}&q=${"y".repeat(5000)}`);
    expect(r.success).toBe(false);
    for (const issue of r.success ? [] : r.error.issues) expect(issue.message.length).toBeLessThan(300);
  });

  it("is idempotent: its output parses to itself", () => {
    const out = parse("q=%20Aspirin%20trial%20&status=recruiting&phase=phase_2&country=fr&page=3&pageSize=50");
    expect(out.success).toBe(true);
    expect(ZRegistryQuerySchema.parse(out.data)).toEqual(out.data);
  });

  it("parses or refuses any query string without throwing", () => {
    const names = fc.constantFrom("q", "status", "phase", "country", "page", "pageSize", "other");
    fc.assert(
      fc.property(fc.array(fc.tuple(names, fc.string({ unit: "grapheme", maxLength: 60 })), { maxLength: 8 }), (pairs) => {
        const r = ZRegistryQuerySchema.safeParse(queryObjectOf(new URLSearchParams(pairs)));
        if (r.success) {
          expect(r.data.page).toBeGreaterThanOrEqual(1);
          expect(r.data.pageSize).toBeLessThanOrEqual(100);
        } else {
          for (const issue of r.error.issues) expect(["q", "status", "phase", "country", "page", "pageSize"]).toContain(String(issue.path[0]));
        }
      }),
    );
  });
});
