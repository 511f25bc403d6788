// The public registry list: registered trials only, search over title/condition/intervention/sponsor, filters on
// status/phase/country, server-side pagination with a total.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/open";
import { trial } from "@/lib/db/schema";
import fc from "fast-check";
import { REGISTRY_PHASE_OPTIONS, REGISTRY_STATUS_OPTIONS } from "@/app/trials/filter-options";
import { searchRegistry } from "@/app/trials/search-registry";
import { AppError } from "@/lib/server/errors/app-error";
import { freshDatabase } from "@/lib/testing/fresh-database";
import { seedRegistryTrialsForTest } from "@/lib/testing/registry-seed";
import { listRegistryTrials } from "./list-registry-trials";
import { GET as registryRoute } from "@/app/api/trials/route";
import { GET as publicTrialRoute } from "@/app/api/trials/[publicId]/route";

let database: Database;
let drop: () => Promise<void>;
const q = (params: Record<string, string>) => listRegistryTrials(params);

/** The registry's answer, or the AppError it refused with; a 4xx is the only acceptable refusal. */
async function outcome(input: Record<string, unknown>) {
  try {
    return { ok: true as const, page: await listRegistryTrials(input) };
  } catch (error) {
    if (!(error instanceof AppError)) throw new Error(`${JSON.stringify(input).slice(0, 200)} threw ${String(error)}`, { cause: error });
    expect(error.status, error.message).toBeGreaterThanOrEqual(400);
    expect(error.status, error.message).toBeLessThan(500);
    return { ok: false as const, error };
  }
}

const HOSTILE: Record<string, unknown>[] = [
  { status: "not_a_status" },
  { status: "draft" },
  { status: "awaiting_signature" },
  { status: "registered" },
  { status: "' OR 1=1 --" },
  { status: ["recruiting", "completed"] },
  { phase: "phase_9" },
  { phase: "PHASE_3" },
  { country: "ZZ" },
  { country: "Germany" },
  { country: "d" },
  { country: "%" },
  { page: "0" },
  { page: "-5" },
  { page: String(10 ** 9) },
  { page: "1e9" },
  { page: "NaN" },
  { page: "Infinity" },
  { page: "100000" },
  { page: 3.5 },
  { pageSize: "0" },
  { pageSize: "100000" },
  { q: "x".repeat(10_240) },
  { q: "a\u0000b" },
  { q: "100% _ \\ ' \" ; drop table trial; --" },
  { q: "😀 trial \u202e ﷽" },
  { q: " ".repeat(500) },
  { q: ["a", "b"] },
  { q: 42 },
  { q: null },
  { q: { toString: "x" } },
  { other: "x".repeat(10_240) },
];

beforeAll(async () => {
  ({ database, drop } = await freshDatabase());
  await seedRegistryTrialsForTest(database, 120);
  // A draft and a trial awaiting signature, searchable text and all: never listed.
  const [seed] = await database.select().from(trial).limit(1);
  await database.insert(trial).values([
    {
      id: "tri_draft01",
      publicId: "TP-2026-0001",
      title: "Amlodipine draft",
      sponsorOrgId: seed!.sponsorOrgId,
      createdBy: seed!.createdBy,
      status: "draft",
      searchText: "amlodipine draft",
    },
    {
      id: "tri_await01",
      publicId: "TP-2026-0002",
      title: "Amlodipine pending",
      sponsorOrgId: seed!.sponsorOrgId,
      createdBy: seed!.createdBy,
      status: "awaiting_signature",
      searchText: "amlodipine pending",
    },
  ]);
});
afterAll(async () => {
  await drop?.();
});

describe("listRegistryTrials", () => {
  it("lists registered trials only, newest first, paginated with a total", async () => {
    const first = await q({ pageSize: "50" });
    expect(first.total).toBe(120);
    expect(first.items).toHaveLength(50);
    expect(first.items[0]!.publicId).toBe("TP-2025-0120");
    expect(first.items.every((t) => t.publicId.startsWith("TP-2025-"))).toBe(true);
    const third = await q({ pageSize: "50", page: "3" });
    expect(third).toMatchObject({ total: 120, page: 3, pageSize: 50 });
    expect(third.items).toHaveLength(20);
    expect(third.items.at(-1)!.publicId).toBe("TP-2025-0001");
    expect(await q({ pageSize: "50", page: "9" })).toMatchObject({ total: 120, items: [] });
    expect(first.items[0]).toEqual({
      publicId: "TP-2025-0120",
      title: expect.any(String),
      status: expect.any(String),
      phase: expect.any(String),
      conditions: expect.any(String),
      sponsor: expect.any(String),
      countries: expect.any(Array),
      registeredAt: expect.stringMatching(/Z$/),
      currentVersion: expect.any(Number),
    });
  });

  it("searches title, condition, intervention and sponsor, every word, case-insensitively", async () => {
    const byIntervention = await q({ q: "AMLODIPINE", pageSize: "100" });
    expect(byIntervention.total).toBe(10);
    expect(byIntervention.items.every((t) => t.title.startsWith("Amlodipine"))).toBe(true);
    const byCondition = await q({ q: "asthma", pageSize: "100" });
    expect(byCondition.items.every((t) => t.conditions!.includes("Asthma"))).toBe(true);
    expect(byCondition.total).toBeGreaterThan(0);
    const bySponsor = await q({ q: "contoso", pageSize: "100" });
    expect(bySponsor.total).toBe(24);
    const twoWords = await q({ q: "amlodipine contoso", pageSize: "100" });
    expect(twoWords.items.every((t) => t.title.startsWith("Amlodipine") && t.sponsor === "Contoso Pharma")).toBe(true);
    expect((await q({ q: "100%_" })).total).toBe(0);
    expect((await q({ q: "draft" })).total).toBe(0);
  });

  it("filters on status, phase and country", async () => {
    const recruiting = await q({ status: "recruiting", pageSize: "100" });
    expect(recruiting.total).toBeGreaterThan(0);
    expect(recruiting.items.every((t) => t.status === "recruiting")).toBe(true);
    const phase3 = await q({ phase: "phase_3", pageSize: "100" });
    expect(phase3.total).toBe(15);
    expect(phase3.items.every((t) => t.phase === "phase_3")).toBe(true);
    const fr = await q({ country: "FR", pageSize: "100" });
    expect(fr.items.every((t) => t.countries.includes("FR"))).toBe(true);
    expect(fr.total).toBe(10);
    const de = await q({ country: "DE", pageSize: "100" }); // DE first (i % 12 = 2) or second (i % 12 = 9, i % 3 = 0)
    expect(de.total).toBe(20);
    const combined = await q({ country: "FR", phase: "phase_3", status: "recruiting", q: "a" });
    expect(combined.items.every((t) => t.countries.includes("FR") && t.phase === "phase_3" && t.status === "recruiting")).toBe(true);
    await expect(q({ status: "draft" })).rejects.toMatchObject({ code: "UNPROCESSABLE" });
  });

  it("answers every status and phase the /trials page offers, with matching trials only", async () => {
    for (const { value } of REGISTRY_STATUS_OPTIONS) {
      const page = await q({ status: value, pageSize: "100" });
      expect(page.total, value).toBeGreaterThan(0);
      expect(page.items.every((t) => t.status === value)).toBe(true);
    }
    for (const { value } of REGISTRY_PHASE_OPTIONS) {
      const page = await q({ phase: value, pageSize: "100" });
      expect(page.total, value).toBeGreaterThan(0);
      expect(page.items.every((t) => t.phase === value)).toBe(true);
    }
    // Together, the status choices partition the registry: no registered trial has a status the filter lacks.
    let sum = 0;
    for (const { value } of REGISTRY_STATUS_OPTIONS) sum += (await q({ status: value })).total;
    expect(sum).toBe((await q({})).total);
  });

  it("answers hostile input with a result or a 4xx naming the parameter, never anything else", async () => {
    for (const input of HOSTILE) {
      const r = await outcome(input);
      if (r.ok) continue;
      const named = Object.keys(r.error.fieldErrors ?? {});
      expect(named.length, JSON.stringify(input).slice(0, 80)).toBeGreaterThan(0);
      for (const name of named) expect(Object.keys(input)).toContain(name);
    }
    // The ones a visitor could mean: an empty answer, not an error.
    expect((await q({ country: "ZZ" })).total).toBe(0);
    expect(await q({ page: "100000" })).toMatchObject({ items: [], total: 120 });
    expect((await outcome({ page: String(10 ** 9) })).ok).toBe(false);
    expect((await outcome({ q: "x".repeat(10_240) })).ok).toBe(false);
    expect((await q({ q: "100% _ \\ ' \" ; drop table trial; --" })).total).toBe(0);
    expect((await q({})).total).toBe(120);
  });

  it("the /trials page shows a result or a message for any query string, never an error", async () => {
    const messages = await searchRegistry({ status: "not_yet_recruiting", phase: "phase_9", page: "0" });
    expect(messages.ok).toBe(false);
    if (!messages.ok) {
      expect(messages.messages).toHaveLength(2);
      expect(messages.messages.join(" ")).toMatch(/Phase must be one of: n\/a, early_phase_1/);
      expect(messages.messages.join(" ")).toMatch(/Page must be a whole number from 1 to 100000/);
    }
    expect(await searchRegistry({ status: "not_yet_recruiting" })).toMatchObject({ ok: true, data: { pageSize: 20 } });
    expect(await searchRegistry({ pageSize: "100000", country: "fr" })).toMatchObject({
      ok: true,
      data: { pageSize: 20, total: 10 },
    });
    for (const input of HOSTILE) {
      // A query string only holds text: the hostile values that are text, or lists of text.
      const params = Object.fromEntries(
        Object.entries(input).filter((e): e is [string, string | string[]] => typeof e[1] === "string" || Array.isArray(e[1])),
      );
      const shown = await searchRegistry(params);
      if (!shown.ok) expect(shown.messages.length).toBeGreaterThan(0);
    }
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.constantFrom("q", "status", "phase", "country", "page", "pageSize"),
          fc.oneof(fc.string({ maxLength: 30 }), fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 })),
        ),
        async (params) => {
          const shown = await searchRegistry(params);
          expect(shown.ok || shown.messages.length > 0).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("GET /api/trials answers without a session, parses the query and names a bad parameter", async () => {
    const call = (qs: string) => registryRoute(new Request(`http://portal.test/api/trials?${qs}`), { params: Promise.resolve({}) });
    const ok = await call("q=amlodipine&status=&phase=&country=&page=1&pageSize=5");
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { items: unknown[]; total: number; page: number; pageSize: number };
    expect(body).toMatchObject({ total: 10, page: 1, pageSize: 5 });
    expect(body.items).toHaveLength(5);
    const bad = await call("phase=phase_9&pageSize=1000");
    expect(bad.status).toBe(422);
    expect(Object.keys(((await bad.json()) as { error: { fieldErrors: object } }).error.fieldErrors).sort()).toEqual(["pageSize", "phase"]);
    const draft = await publicTrialRoute(new Request("http://portal.test/api/trials/TP-2026-0001"), {
      params: Promise.resolve({ publicId: "TP-2026-0001" }),
    });
    expect(draft.status).toBe(404);
  });
});
