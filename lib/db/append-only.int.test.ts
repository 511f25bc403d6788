import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { auditEvent } from "@/lib/db/schema";
import { PORTAL_ACTOR } from "@/lib/server/audit/actor";
import { recordDomainChange } from "@/lib/server/audit/record-domain-change";
import { rejectionMessage } from "@/lib/testing/db-errors";
import { freshDatabase } from "@/lib/testing/fresh-database";
import type { Database } from "./open";
import { rowsOf } from "./rows";

let database: Database;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ database, drop } = await freshDatabase());
  await database.transaction((tx) =>
    recordDomainChange(tx, PORTAL_ACTOR, {
      kind: "role.changed",
      body: { userId: "usr_test0001", from: null, to: "investigator", reason: "test" },
      details: { organizationId: "org_test0001" },
    }),
  );
});
afterAll(async () => drop());

async function count(): Promise<number> {
  return (await database.select().from(auditEvent)).length;
}

const ATTACKS = {
  UPDATE: sql`update audit_event set kind = 'auth.signed_in'`,
  DELETE: sql`delete from audit_event`,
  TRUNCATE: sql`truncate audit_event`,
};

describe(`audit trail is append-only (${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"})`, () => {
  it("the application works as the restricted role", async () => {
    const [row] = rowsOf<{ u: string }>(await database.execute(sql`select current_user as u`));
    expect(row?.u).toBe("trialproof_app");
  });

  for (const [op, statement] of Object.entries(ATTACKS)) {
    it(`the app role has no ${op} privilege`, async () => {
      expect(await rejectionMessage(database.execute(statement))).toMatch(/permission denied/);
      expect(await count()).toBe(1);
    });

    it(`even the owner's ${op} is refused by the trigger`, async () => {
      expect(await rejectionMessage(database.$asOwner((owner) => owner.execute(statement)))).toMatch(/append-only/);
      expect(await count()).toBe(1);
    });
  }

  it("keeps refusing under session_replication_role = replica (triggers ENABLE ALWAYS)", async () => {
    const message = await rejectionMessage(
      database.$asOwner((owner) =>
        owner.transaction(async (tx) => {
          await tx.execute(sql`set local session_replication_role = replica`);
          await tx.execute(sql`delete from audit_event`);
        }),
      ),
    );
    expect(message).toMatch(/append-only/);
    expect(await count()).toBe(1);
  });

  it("refuses an event kind outside the catalogue", async () => {
    await expect(database.transaction((tx) => recordDomainChange(tx, PORTAL_ACTOR, { kind: "made.up", body: {} } as never))).rejects.toThrow();
    expect(await count()).toBe(1);
  });
});
