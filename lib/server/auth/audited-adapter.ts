import "server-only";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { tryGetCurrentAuthEndpointContext } from "@better-auth/core/context";
import type { BetterAuthOptions } from "better-auth";
import { APIError } from "better-auth/api";
import type { Database, Tx } from "@/lib/db/client";
import * as schema from "@/lib/db/schema";
import type { AUTH_METHODS } from "@/lib/integrity";
import { userActor } from "@/lib/server/audit/actor";
import { recordDomainChange } from "@/lib/server/audit/record-domain-change";

const authSchema = {
  user: schema.user,
  session: schema.session,
  account: schema.account,
  verification: schema.verification,
  rateLimit: schema.rateLimit,
  walletAddress: schema.walletAddress,
};

type SessionRow = { id: string; userId: string; ipAddress?: string | null; expiresAt: Date | string };

function adapterOn(database: Database | Tx, options: BetterAuthOptions) {
  return drizzleAdapter(database as never, { provider: "pg", schema: authSchema, transaction: true })(options);
}

async function currentPath(): Promise<string | undefined> {
  const ctx = await tryGetCurrentAuthEndpointContext();
  return ctx?.path;
}

function signInMethod(path: string | undefined): (typeof AUTH_METHODS)[number] {
  if (path?.startsWith("/siwe")) return "siwe";
  if (path?.startsWith("/sign-up")) return "invitation";
  return "password";
}

/**
 * better-auth's Drizzle adapter, with two changes: creating or deleting a session (sign-in, sign-out,
 * expiry, sign-out everywhere) runs in a transaction that also writes the audit event, so the trail
 * cannot miss a session; and no user is ever created on a Sign-In with Ethereum path.
 */
export function auditedAdapter(database: Database) {
  return (options: BetterAuthOptions) => {
    const base = adapterOn(database, options);
    return {
      ...base,
      create: (async (args: Parameters<typeof base.create>[0]) => {
        if (args.model === "user" && (await currentPath())?.startsWith("/siwe")) {
          // Accounts come from invitations only; Sign-In with Ethereum signs in to linked wallets' accounts.
          throw new APIError("FORBIDDEN", {
            code: "ACCOUNT_CREATION_REFUSED",
            message: "Accounts are created by invitation only.",
          });
        }
        if (args.model !== "session") return base.create(args);
        const method = signInMethod(await currentPath());
        return database.transaction(async (tx) => {
          const created = (await adapterOn(tx, options).create(args)) as unknown as SessionRow;
          await recordDomainChange(tx, await userActor(tx, created.userId), {
            kind: "auth.signed_in",
            body: { method },
            details: { method, sessionId: created.id },
            ipAddress: created.ipAddress || null,
          });
          return created;
        });
      }) as typeof base.create,
      delete: (async (args: Parameters<typeof base.delete>[0]) => {
        if (args.model !== "session") return base.delete(args);
        await endSessions(database, options, args, "one");
      }) as typeof base.delete,
      deleteMany: (async (args: Parameters<typeof base.deleteMany>[0]) => {
        if (args.model !== "session") return base.deleteMany(args);
        return endSessions(database, options, args, "many");
      }) as typeof base.deleteMany,
    };
  };
}

async function endSessions(
  database: Database,
  options: BetterAuthOptions,
  args: { model: string; where: Parameters<ReturnType<typeof adapterOn>["deleteMany"]>[0]["where"] },
  mode: "one" | "many",
): Promise<number> {
  const path = await currentPath();
  return database.transaction(async (tx) => {
    const inner = adapterOn(tx, options);
    const rows = await inner.findMany<SessionRow>({
      model: "session",
      where: args.where,
      limit: mode === "one" ? 1 : undefined,
    });
    if (mode === "one") await inner.delete(args);
    else await inner.deleteMany(args);
    const now = Date.now();
    for (const row of rows) {
      const expired = new Date(row.expiresAt).getTime() <= now;
      const scope = path === "/revoke-sessions" ? "everywhere" : "this-session";
      await recordDomainChange(tx, await userActor(tx, row.userId), {
        kind: "auth.signed_out",
        body: { reason: expired ? "expired" : scope === "everywhere" ? "revoked" : "user" },
        details: { sessionId: row.id, scope },
      });
    }
    return rows.length;
  });
}
