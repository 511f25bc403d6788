import "server-only";
import { desc, eq, inArray } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { auditEvent, user } from "@/lib/db/schema";
import { AppError } from "@/lib/server/errors/app-error";
import type { Viewer } from "./viewer";

export type SignInAlertTrigger = "address_failures" | "account_failures";

/**
 * The latest sign-in alerts (21 CFR 11.300(d)): repeated failed sign-ins against one account, from one address or
 * from many. Platform admins only; the email typed and the client address come from the audit table, never the log.
 */
export async function listSignInAlerts(viewer: Pick<Viewer, "roles">, limit = 20) {
  if (!viewer.roles.includes("platform_admin")) throw new AppError("FORBIDDEN", "Only platform admins can read sign-in alerts.");
  const database = await db();
  const rows = await database
    .select()
    .from(auditEvent)
    .where(eq(auditEvent.kind, "auth.sign_in_alert"))
    .orderBy(desc(auditEvent.id))
    .limit(Math.min(Math.max(limit, 1), 200));
  const details = rows.map((row) => {
    const body = row.body as {
      trigger?: SignInAlertTrigger;
      failures?: number;
      windowSeconds?: number;
      attemptedEmail?: string;
      account?: string | null;
    };
    return {
      id: row.id,
      at: row.at,
      ipAddress: row.ipAddress,
      trigger: body.trigger ?? "address_failures",
      failures: body.failures ?? 0,
      windowSeconds: body.windowSeconds ?? 0,
      attemptedEmail: body.attemptedEmail ?? null,
      account: body.account ?? null,
    };
  });
  const ids = [...new Set(details.map((d) => d.account).filter((id): id is string => !!id))];
  const names = new Map(
    ids.length ? (await database.select({ id: user.id, name: user.name }).from(user).where(inArray(user.id, ids))).map((u) => [u.id, u.name]) : [],
  );
  return details.map((d) => ({ ...d, accountName: d.account ? (names.get(d.account) ?? null) : null }));
}

export type SignInAlert = Awaited<ReturnType<typeof listSignInAlerts>>[number];
