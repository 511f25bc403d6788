// The admin audit trail: filters (kind, actor, trial, UTC range), keyset paging, bad filters as 422 naming the
// parameter (use case and route), and only platform admins.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/admin/audit/route";
import type { Database } from "@/lib/db/open";
import { auditEvent } from "@/lib/db/schema";
import { seedDemo } from "@/lib/db/seed/seed-demo";
import type { RecordKind } from "@/lib/integrity";
import { AUDIT_PAGE_SIZE_MAX } from "@/lib/schemas/audit";
import { sessionCookie, signIn } from "@/lib/server/auth/auth-requests.test-helper";
import type { Viewer } from "@/lib/server/auth/viewer";
import { AppError } from "@/lib/server/errors/app-error";
import { appendRecords } from "@/lib/server/log/append-records";
import { freshDatabase } from "@/lib/testing/fresh-database";
import { viewerFor } from "@/lib/testing/viewer";
import { listAuditEvents } from "./list-audit-events";

const PASSWORD = "a long enough password";
let database: Database;
let drop: () => Promise<void>;
let admin: Viewer;

interface Fixture {
  log: string;
  kind: RecordKind;
  actor: string;
  role: string;
  at: string;
  body: Record<string, unknown>;
  subject?: string;
}

/**
 * Test fixture: records and audit rows at chosen instants (recordDomainChange always stamps "now"). Each record with
 * its audit row, in one transaction, as the path writes them.
 */
async function write(fixtures: Fixture[]) {
  await database.transaction(async (tx) => {
    for (const f of fixtures) {
      const role = (
        {
          sponsor_admin: "sponsor",
          platform_admin: "admin",
          investigator: "investigator",
          regulator: "regulator",
        } as const
      )[f.role as "sponsor_admin"];
      const [r] = await appendRecords(tx, f.log, [{ kind: f.kind, actor: { role, id: f.actor }, subject: f.subject, body: f.body, at: f.at }]);
      await tx.insert(auditEvent).values({
        at: new Date(f.at),
        kind: f.kind,
        actorUserId: f.actor,
        actorRole: f.role,
        actorOrganizationId: null,
        trialId: f.log === "portal" ? null : "tri_demo0001",
        logId: f.log,
        logIndex: r!.index,
        subject: f.subject ?? null,
        body: { note: `fixture ${f.at}` },
      });
    }
  });
}

const status = (at: string, body: Record<string, unknown> = { status: "recruiting" }): Fixture => ({
  log: "TP-2026-0001",
  kind: "protocol.status",
  actor: "usr_demosponsor",
  role: "sponsor_admin",
  at,
  body,
});
const signedIn = (actor: string, role: string, at: string): Fixture => ({
  log: "portal",
  kind: "auth.signed_in",
  actor,
  role,
  at,
  body: { method: "password" },
});

beforeAll(async () => {
  ({ database, drop } = await freshDatabase());
  await seedDemo(
    database,
    Object.fromEntries(["sponsor", "investigator", "participant1", "participant2", "regulator", "admin"].map((k) => [k, PASSWORD])),
    31337,
  );
  admin = await viewerFor(database, "usr_demoadmin");
  await write([
    status("2026-03-01T10:00:00.000Z"),
    status("2026-03-02T23:59:59.999Z", { status: "suspended", reason: "Safety review" }),
    status("2026-03-03T00:00:00.000Z"),
    signedIn("usr_demoadmin", "platform_admin", "2026-03-02T12:00:00.000Z"),
    signedIn("usr_demoregulator", "regulator", "2026-03-04T08:00:00.000Z"),
    {
      log: "TP-2026-0001",
      kind: "access.read",
      actor: "usr_demoregulator",
      role: "regulator",
      at: "2026-03-05T09:00:00.000Z",
      subject: "ppt_demo0001",
      body: { resource: "outcomes", purpose: "Source data verification" },
    },
    ...Array.from({ length: 120 }, (_, i) =>
      signedIn("usr_demoinvestigator", "investigator", new Date(Date.UTC(2026, 3, 1) + i * 1000).toISOString()),
    ),
  ]);
});
afterAll(async () => drop());

const list = (query: Record<string, unknown>) => listAuditEvents(admin, query);
const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e,
  );

describe("filters", () => {
  it("by kind, from the record-kind catalogue", async () => {
    const { events } = await list({ kind: "protocol.status" });
    expect(events).toHaveLength(3);
    expect(events.every((e) => e.kind === "protocol.status")).toBe(true);
  });

  it("by actor, with who they are and in which role", async () => {
    const { events } = await list({ actor: "usr_demoregulator" });
    expect(events.map((e) => e.kind)).toEqual(["access.read", "auth.signed_in"]);
    expect(events[1]!.actor).toMatchObject({ userId: "usr_demoregulator", name: "Rita Regulator", role: "regulator" });
  });

  it("by trial (public id) or the portal itself", async () => {
    expect((await list({ trial: "TP-2026-0001" })).events).toHaveLength(4);
    expect((await list({ trial: "portal", limit: AUDIT_PAGE_SIZE_MAX })).events).toHaveLength(122);
    expect((await list({ trial: "TP-2026-0099" })).events).toEqual([]);
  });

  it("by UTC range: a day covers the whole UTC day, an instant is inclusive", async () => {
    const day = await list({ from: "2026-03-02", to: "2026-03-02" });
    expect(day.events.map((e) => e.at).sort()).toEqual(["2026-03-02T12:00:00.000Z", "2026-03-02T23:59:59.999Z"]);
    const instants = await list({ from: "2026-03-01T10:00Z", to: "2026-03-02T12:00:00Z" });
    expect(instants.events.map((e) => e.at).sort()).toEqual(["2026-03-01T10:00:00.000Z", "2026-03-02T12:00:00.000Z"]);
  });

  it("combined, with empty values meaning no filter", async () => {
    const { events } = await list({
      kind: "protocol.status",
      trial: "TP-2026-0001",
      actor: "",
      from: "2026-03-02",
      to: " ",
    });
    expect(events.map((e) => e.at)).toEqual(["2026-03-03T00:00:00.000Z", "2026-03-02T23:59:59.999Z"]);
  });

  it("shows a record's body, except a participant's (only the pseudonym)", async () => {
    const [suspended] = (await list({ kind: "protocol.status", from: "2026-03-02", to: "2026-03-02" })).events;
    expect(suspended!.recordBody).toEqual({ status: "suspended", reason: "Safety review" });
    expect(suspended!.details).toEqual({ note: "fixture 2026-03-02T23:59:59.999Z" });
    const [read] = (await list({ kind: "access.read" })).events;
    expect(read).toMatchObject({ subject: "ppt_demo0001", recordBody: null, log: "TP-2026-0001" });
  });
});

describe("paging", () => {
  it("walks every event exactly once, newest first, in pages of the asked size", async () => {
    const seen: number[] = [];
    const sizes: number[] = [];
    let before: number | undefined;
    for (let guard = 0; guard < 10; guard++) {
      const page = await list({ actor: "usr_demoinvestigator", limit: "50", before });
      sizes.push(page.events.length);
      seen.push(...page.events.map((e) => e.id));
      if (page.nextBefore === null) break;
      before = page.nextBefore;
    }
    expect(sizes).toEqual([50, 50, 20]);
    expect(new Set(seen).size).toBe(120);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
  });

  it("an exact last page says there is no next one", async () => {
    const page = await list({ kind: "protocol.status", limit: 3 });
    expect(page.events).toHaveLength(3);
    expect(page.nextBefore).toBeNull();
  });
});

describe("bad filters are a 422 naming the parameter, never a server error", () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ kind: "made.up" }, "kind"],
    [{ kind: ["protocol.status", "role.changed"] }, "kind"],
    [{ actor: "Robert'); drop table audit_event;--" }, "actor"],
    [{ trial: "TP-26" }, "trial"],
    [{ from: "2026-02-30" }, "from"],
    [{ from: "2026-03-01T25:00Z" }, "from"],
    [{ to: "yesterday" }, "to"],
    [{ from: "2026-03-03", to: "2026-03-02" }, "to"],
    [{ limit: "0" }, "limit"],
    [{ limit: String(AUDIT_PAGE_SIZE_MAX + 1) }, "limit"],
    [{ limit: "ten" }, "limit"],
    [{ before: "-5" }, "before"],
  ];
  for (const [query, field] of cases) {
    it(`${JSON.stringify(query)} → ${field}`, async () => {
      const error = await errorOf(list(query));
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("UNPROCESSABLE");
      expect(Object.keys((error as AppError).fieldErrors ?? {})).toEqual([field]);
    });
  }

  it("only platform admins read the trail", async () => {
    for (const id of ["usr_demosponsor", "usr_demoinvestigator", "usr_demoregulator", "usr_demoparticipant1"]) {
      const error = await errorOf(listAuditEvents(await viewerFor(database, id), {}));
      expect((error as AppError).code).toBe("FORBIDDEN");
    }
  });
});

describe("GET /api/admin/audit", () => {
  const cookieOf = async (email: string) => {
    const res = await signIn(email, PASSWORD, { peer: "10.8.0.1" });
    expect(res.status).toBe(200);
    return sessionCookie(res);
  };
  const get = (search: string, cookie: string) => GET(new Request(`http://localhost:3000/api/admin/audit${search}`, { headers: { cookie } }));

  it("follows the same filters and answers 422 naming a bad one", async () => {
    const cookie = await cookieOf("admin@demo.trialproof.test");
    const ok = await get("?kind=protocol.status&trial=TP-2026-0001&from=2026-03-02&to=&limit=2", cookie);
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { events: { kind: string; at: string }[]; nextBefore: number | null };
    expect(body.events.map((e) => e.at)).toEqual(["2026-03-03T00:00:00.000Z", "2026-03-02T23:59:59.999Z"]);
    expect(body.nextBefore).toBeNull();

    const bad = await get("?kind=protocol.nonsense&from=2026-13-01", cookie);
    expect(bad.status).toBe(422);
    const error = (await bad.json()) as { error: { fieldErrors: Record<string, string[]> } };
    expect(Object.keys(error.error.fieldErrors).sort()).toEqual(["from", "kind"]);
  });

  it("is for platform admins only", async () => {
    expect((await get("", await cookieOf("sponsor@demo.trialproof.test"))).status).toBe(403);
    expect((await get("", "")).status).toBe(401);
  });
});
