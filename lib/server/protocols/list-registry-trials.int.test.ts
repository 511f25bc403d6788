// The public registry list: registered trials only, search over title/condition/intervention/sponsor, filters on
// status/phase/country, server-side pagination with a total.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/open";
import { trial } from "@/lib/db/schema";
import { ZRegistryQuerySchema } from "@/lib/schemas/protocol";
import { freshDatabase } from "@/lib/testing/fresh-database";
import { seedRegistryTrialsForTest } from "@/lib/testing/registry-seed";
import { listRegistryTrials } from "./list-registry-trials";
import { GET as registryRoute } from "@/app/api/trials/route";
import { GET as publicTrialRoute } from "@/app/api/trials/[publicId]/route";

let database: Database;
let drop: () => Promise<void>;
const q = (params: Record<string, string>) => listRegistryTrials(ZRegistryQuerySchema.parse(params));

beforeAll(async () => {
  ({ database, drop } = await freshDatabase());
  await seedRegistryTrialsForTest(database, 120);
  // A draft and a trial awaiting signature, searchable text and all: never listed.
  const [seed] = await database.select().from(trial).limit(1);
  await database.insert(trial).values([
    { id: "tri_draft01", publicId: "TP-2026-0001", title: "Amlodipine draft", sponsorOrgId: seed!.sponsorOrgId, createdBy: seed!.createdBy, status: "draft", searchText: "amlodipine draft" },
    { id: "tri_await01", publicId: "TP-2026-0002", title: "Amlodipine pending", sponsorOrgId: seed!.sponsorOrgId, createdBy: seed!.createdBy, status: "awaiting_signature", searchText: "amlodipine pending" },
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
    const draft = await publicTrialRoute(new Request("http://portal.test/api/trials/TP-2026-0001"), { params: Promise.resolve({ publicId: "TP-2026-0001" }) });
    expect(draft.status).toBe(404);
  });
});
