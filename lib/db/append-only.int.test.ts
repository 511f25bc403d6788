import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { auditEvent } from "@/lib/db/schema";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { rejectionMessage } from "@/lib/testing/db-errors";
import { freshDatabase } from "@/lib/testing/fresh-database";
import type { Database } from "./open";

let database: Database;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ database, drop } = await freshDatabase());
});
afterAll(async () => drop());

async function count(): Promise<number> {
  return (await database.select().from(auditEvent)).length;
}

describe(`audit trail is append-only (${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"})`, () => {
  it("accepts inserts", async () => {
    await recordAuditEvent(database, { kind: "role.changed", actorUserId: null, body: { reason: "test" } });
    expect(await count()).toBe(1);
  });

  it("refuses UPDATE", async () => {
    expect(await rejectionMessage(database.execute(sql`update audit_event set kind = 'auth.signed_in'`))).toMatch(/append-only/);
    const [row] = await database.select().from(auditEvent);
    expect(row?.kind).toBe("role.changed");
  });

  it("refuses DELETE", async () => {
    expect(await rejectionMessage(database.execute(sql`delete from audit_event`))).toMatch(/append-only/);
    expect(await count()).toBe(1);
  });

  it("refuses TRUNCATE", async () => {
    expect(await rejectionMessage(database.execute(sql`truncate audit_event`))).toMatch(/append-only/);
    expect(await count()).toBe(1);
  });

  it("keeps refusing under session_replication_role = replica (triggers ENABLE ALWAYS)", async () => {
    const message = await rejectionMessage(
      database.transaction(async (tx) => {
        await tx.execute(sql`set local session_replication_role = replica`);
        await tx.execute(sql`delete from audit_event`);
      }),
    );
    expect(message).toMatch(/append-only/);
    expect(await count()).toBe(1);
  });

  it("refuses an event kind outside the catalogue", async () => {
    await expect(recordAuditEvent(database, { kind: "made.up" as never, actorUserId: null, body: {} })).rejects.toThrow();
    expect(await count()).toBe(1);
  });
});
