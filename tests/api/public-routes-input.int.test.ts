// Hostile input to the public API, sent to the exported route handlers exactly as Next would call them: every bad
// value of every parameter is a 4xx whose fieldErrors name that parameter, never a 500 and never a database error.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as envelopeRoute } from "@/app/api/trials/[publicId]/versions/[version]/envelope/route";
import { GET as fhirRoute } from "@/app/api/trials/[publicId]/fhir/route";
import { GET as publicTrialRoute } from "@/app/api/trials/[publicId]/route";
import { GET as registryRoute } from "@/app/api/trials/route";
import { GET as invitationRoute } from "@/app/api/invitations/[token]/route";
import { GET as receiptRoute } from "@/app/api/logs/[logId]/records/[index]/receipt/route";
import { freshDatabase } from "@/lib/testing/fresh-database";

let drop: () => Promise<void>;
beforeAll(async () => {
  ({ drop } = await freshDatabase());
});
afterAll(async () => {
  await drop?.();
});

type ErrorBody = { error?: { code: string; message: string; fieldErrors?: Record<string, string[]> } };
const noParams = { params: Promise.resolve({}) };
const registry = (qs: string) => registryRoute(new Request(`http://portal.test/api/trials?${qs}`), noParams);

async function expectNamed4xx(response: Response, parameter: string): Promise<void> {
  const body = (await response.json()) as ErrorBody;
  expect(response.status, JSON.stringify(body).slice(0, 300)).toBeGreaterThanOrEqual(400);
  expect(response.status).toBeLessThan(500);
  expect(Object.keys(body.error?.fieldErrors ?? {})).toContain(parameter);
}

describe("GET /api/trials", () => {
  it("answers well-formed searches (the baseline the hostile cases are measured against)", async () => {
    for (const qs of [
      "",
      "q=amlodipine&status=recruiting&phase=phase_3&country=FR&page=2&pageSize=5",
      "status=&phase=&country=&q=",
      "country=fr",
      "utm_source=mail",
    ]) {
      const res = await registry(qs);
      expect(res.status, qs).toBe(200);
      expect(await res.json()).toMatchObject({ items: [], total: 0 });
    }
  });

  const hostile: [string, string][] = [
    ["status", "status=bogus"],
    ["status", "status=draft"],
    ["status", "status=awaiting_signature"],
    ["status", "status=recruiting&status=completed"],
    ["status", `status=${encodeURIComponent("recruiting' OR 1=1 --")}`],
    ["phase", "phase=phase_9"],
    ["phase", "phase=PHASE_3"],
    ["country", "country=FRA"],
    ["country", "country=12"],
    ["country", `country=${encodeURIComponent("F\u0000")}`],
    ["page", "page=0"],
    ["page", "page=-1"],
    ["page", "page=1.5"],
    ["page", "page=1e3"],
    ["page", "page=abc"],
    ["page", "page=1000000000"],
    ["page", `page=${"9".repeat(400)}`],
    ["page", "page=1&page=2"],
    ["pageSize", "pageSize=0"],
    ["pageSize", "pageSize=101"],
    ["pageSize", "pageSize=NaN"],
    ["q", `q=${"a".repeat(10_000)}`],
    ["q", `q=${encodeURIComponent("aspirin\u0000")}`],
    ["q", "q=a&q=b"],
  ];
  it.each(hostile)("%s: ?%s is a 4xx naming it", async (parameter, qs) => {
    const errors = vi.spyOn(console, "error");
    await expectNamed4xx(await registry(qs), parameter);
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });

  it("several bad parameters are all named at once", async () => {
    const res = await registry("phase=phase_9&pageSize=1000&country=x");
    expect(res.status).toBe(422);
    expect(Object.keys(((await res.json()) as ErrorBody).error!.fieldErrors!).sort()).toEqual(["country", "pageSize", "phase"]);
  });
});

describe("path parameters of the public trial routes", () => {
  const trial = (publicId: string) => publicTrialRoute(new Request("http://portal.test/api/trials/x"), { params: Promise.resolve({ publicId }) });
  const envelope = (publicId: string, version: string) =>
    envelopeRoute(new Request("http://portal.test/api/trials/x/versions/y/envelope"), {
      params: Promise.resolve({ publicId, version }),
    });

  it.each(["nope", "TP-26-1", "tp-2026-0001", `TP-2026-${"1".repeat(400)}`, "TP-2026-0001\u0000", ""])(
    "publicId %j is a 4xx naming publicId",
    async (publicId) => {
      await expectNamed4xx(await trial(publicId), "publicId");
      await expectNamed4xx(
        await fhirRoute(new Request("http://portal.test/api/trials/x/fhir"), { params: Promise.resolve({ publicId }) }),
        "publicId",
      );
      await expectNamed4xx(await envelope(publicId, "1"), "publicId");
    },
  );

  it.each(["0", "01", "-1", "1.5", "1e3", "0x10", "abc", "1000000000", "9".repeat(400), ""])(
    "version %j is a 4xx naming version",
    async (version) => {
      await expectNamed4xx(await envelope("TP-2026-0001", version), "version");
    },
  );

  it("well-formed ids of trials that do not exist are 404", async () => {
    expect((await trial("TP-2026-9999")).status).toBe(404);
    expect((await envelope("TP-2026-9999", "1")).status).toBe(404);
  });
});

describe("other routes with path parameters", () => {
  it("a malformed invitation token is a 4xx naming token; a well-formed unknown one is 404", async () => {
    const call = (token: string) => invitationRoute(new Request("http://portal.test/api/invitations/x"), { params: Promise.resolve({ token }) });
    await expectNamed4xx(await call("short"), "token");
    await expectNamed4xx(await call("A".repeat(4000)), "token");
    expect((await call("A".repeat(43))).status).toBe(404);
  });

  it("a receipt asked for without a session is 401 before its reference is even read", async () => {
    const res = await receiptRoute(new Request("http://portal.test/api/logs/x/records/y/receipt"), {
      params: Promise.resolve({ logId: "TP-2026-0002", index: "abc" }),
    });
    expect(res.status).toBe(401);
  });
});
