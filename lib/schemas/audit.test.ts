import { describe, expect, it } from "vitest";
import { AUDIT_PAGE_SIZE_DEFAULT, auditTimeBounds, ZAuditQuerySchema } from "./audit";

describe("the audit trail query", () => {
  it("reads an empty form as no filter, with the default page size", () => {
    expect(ZAuditQuerySchema.parse({ kind: "", actor: " ", trial: "", from: "", to: "" })).toEqual({
      limit: AUDIT_PAGE_SIZE_DEFAULT,
    });
  });

  it("is idempotent: parsing its output again gives the same output", () => {
    const once = ZAuditQuerySchema.parse({
      kind: "protocol.version",
      actor: "usr_demoadmin",
      trial: "portal",
      from: "2026-03-01",
      to: "2026-03-02T10:15Z",
      before: "42",
      limit: "20",
    });
    expect(ZAuditQuerySchema.parse(once)).toEqual(once);
    expect(once).toMatchObject({ before: 42, limit: 20 });
  });

  it("turns days into whole UTC days and instants into inclusive bounds", () => {
    expect(auditTimeBounds({ from: "2026-03-01", to: "2026-03-01" })).toEqual({
      from: new Date("2026-03-01T00:00:00.000Z"),
      toBefore: new Date("2026-03-02T00:00:00.000Z"),
    });
    expect(auditTimeBounds({ to: "2026-03-01T10:15:30.500Z" })).toEqual({
      from: undefined,
      toBefore: new Date("2026-03-01T10:15:30.501Z"),
    });
  });

  it("refuses impossible dates, missing zones and reversed ranges, naming the parameter", () => {
    for (const [query, field] of [
      [{ from: "2026-02-29" }, "from"],
      [{ from: "2026-03-01T10:15" }, "from"],
      [{ to: "2026-03-01T24:00Z" }, "to"],
      [{ from: "2026-03-02", to: "2026-03-01" }, "to"],
      [{ from: "2026-03-01T10:00Z", to: "2026-03-01T09:59:59.999Z" }, "to"],
    ] as const) {
      const result = ZAuditQuerySchema.safeParse(query);
      expect(result.success, JSON.stringify(query)).toBe(false);
      expect(result.error!.issues.map((i) => i.path.join("."))).toEqual([field]);
    }
    // A range of one instant is allowed.
    expect(ZAuditQuerySchema.safeParse({ from: "2026-03-01T10:00Z", to: "2026-03-01T10:00Z" }).success).toBe(true);
  });
});
