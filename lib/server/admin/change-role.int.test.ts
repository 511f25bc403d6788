import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/lib/db/open";
import { auditEvent, membership } from "@/lib/db/schema";
import { seedDemo } from "@/lib/db/seed/seed-demo";
import { AppError } from "@/lib/server/errors/app-error";
import { freshDatabase } from "@/lib/testing/fresh-database";
import { viewerFor } from "@/lib/testing/viewer";
import { changeRole } from "./change-role";

let database: Database;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ database, drop } = await freshDatabase());
  const passwords = Object.fromEntries(
    ["sponsor", "investigator", "participant1", "participant2", "regulator", "admin"].map((k) => [k, "a long enough password"]),
  );
  await seedDemo(database, passwords, 31337);
});
afterAll(async () => drop());

const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as AppError,
  );

describe("role changes", () => {
  it("a platform admin grants a role; the membership and the audited reason are stored together", async () => {
    const admin = await viewerFor(database, "usr_demoadmin");
    await changeRole(admin, {
      userId: "usr_demoregulator",
      organizationId: "org_demosite",
      role: "investigator",
      change: "grant",
      reason: "Covering site audit",
    });
    const rows = await database
      .select()
      .from(membership)
      .where(and(eq(membership.userId, "usr_demoregulator"), eq(membership.role, "investigator")));
    expect(rows).toHaveLength(1);
    const ev = (await database.select().from(auditEvent).orderBy(auditEvent.id)).at(-1)!;
    expect(ev).toMatchObject({ kind: "role.changed", actorUserId: "usr_demoadmin" });
    expect(ev.body).toMatchObject({
      userId: "usr_demoregulator",
      role: "investigator",
      change: "grant",
      reason: "Covering site audit",
    });
  });

  it("revokes, and refuses to revoke what is not there", async () => {
    const admin = await viewerFor(database, "usr_demoadmin");
    await changeRole(admin, {
      userId: "usr_demoregulator",
      organizationId: "org_demosite",
      role: "investigator",
      change: "revoke",
      reason: "Audit finished",
    });
    expect(
      (
        await errorOf(
          changeRole(admin, {
            userId: "usr_demoregulator",
            organizationId: "org_demosite",
            role: "investigator",
            change: "revoke",
            reason: "again",
          }),
        )
      )?.code,
    ).toBe("NOT_FOUND");
  });

  it("only platform admins may change roles, and nothing is written otherwise", async () => {
    const before = (await database.select().from(auditEvent)).length;
    for (const id of ["usr_demosponsor", "usr_demoinvestigator", "usr_demoparticipant1", "usr_demoregulator"]) {
      const viewer = await viewerFor(database, id);
      const error = await errorOf(
        changeRole(viewer, {
          userId: id,
          organizationId: "org_demoplatform",
          role: "platform_admin",
          change: "grant",
          reason: "self-promotion",
        }),
      );
      expect(error?.code).toBe("FORBIDDEN");
    }
    expect((await database.select().from(auditEvent)).length).toBe(before);
  });

  it("refuses a role in the wrong kind of organization (422 naming the field)", async () => {
    const admin = await viewerFor(database, "usr_demoadmin");
    const error = await errorOf(
      changeRole(admin, {
        userId: "usr_demosponsor",
        organizationId: "org_demosite",
        role: "sponsor_admin",
        change: "grant",
        reason: "wrong org",
      }),
    );
    expect(error?.code).toBe("UNPROCESSABLE");
    expect(error?.fieldErrors).toHaveProperty("role");
  });

  it("an admin cannot remove their own admin role", async () => {
    const admin = await viewerFor(database, "usr_demoadmin");
    const error = await errorOf(
      changeRole(admin, {
        userId: "usr_demoadmin",
        organizationId: "org_demoplatform",
        role: "platform_admin",
        change: "revoke",
        reason: "oops",
      }),
    );
    expect(error?.code).toBe("UNPROCESSABLE");
  });
});
