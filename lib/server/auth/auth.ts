import "server-only";
import { betterAuth } from "better-auth";
import { createAuthMiddleware } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { siwe } from "better-auth/plugins";
import { generateSiweNonce } from "viem/siwe";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { publicClient } from "@/lib/chain/clients";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { auditedAdapter } from "./audited-adapter";
import { authSecret } from "./secret";
import { newAuthId } from "./auth-ids";

async function createAuth() {
  const database = await db();
  const e = env();
  const idle = e.SESSION_IDLE_TIMEOUT_SECONDS;
  return betterAuth({
    appName: "TrialProof",
    baseURL: e.BETTER_AUTH_URL,
    secret: authSecret(),
    database: auditedAdapter(database),
    emailAndPassword: {
      enabled: true,
      // Accounts are created by invitation (accept-invitation.ts) or by the seed, never by open sign-up.
      disableSignUp: true,
      minPasswordLength: 12,
      maxPasswordLength: 128,
      autoSignIn: true,
    },
    session: {
      // Idle timeout: the session lives `idle` seconds past the last activity; activity extends it
      // at most once a minute (or sooner for very short timeouts).
      expiresIn: idle,
      updateAge: Math.min(60, Math.floor(idle / 4)),
      cookieCache: { enabled: false },
    },
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 300,
      customRules: {
        "/sign-in/email": { window: e.SIGN_IN_RATE_LIMIT_WINDOW_SECONDS, max: e.SIGN_IN_RATE_LIMIT_MAX },
        "/siwe/verify": { window: e.SIGN_IN_RATE_LIMIT_WINDOW_SECONDS, max: e.SIGN_IN_RATE_LIMIT_MAX },
      },
    },
    advanced: {
      useSecureCookies: e.BETTER_AUTH_URL.startsWith("https://"),
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
      database: { generateId: ({ model }) => newAuthId(model) },
    },
    hooks: {
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/email" && ctx.path !== "/siwe/verify") return;
        const returned = ctx.context.returned as { status?: number; statusCode?: number } | undefined;
        const failed = returned instanceof Error;
        if (!failed) return;
        const body = (ctx.body ?? {}) as { email?: unknown };
        // A failed attempt changes nothing else, so the audit row is its own transaction.
        await database.transaction((tx) => recordAuditEvent(tx, {
          kind: "auth.sign_in_failed",
          actorUserId: null,
          ipAddress: ctx.request?.headers.get("x-forwarded-for")?.split(",")[0]?.trim() ?? null,
          body: {
            method: ctx.path === "/siwe/verify" ? "siwe" : "password",
            // The address typed is kept to spot targeted guessing; the password never is.
            attemptedEmail: typeof body.email === "string" ? body.email.slice(0, 254).toLowerCase() : null,
            reason: (returned as Error).message.slice(0, 200),
          },
        }));
      }),
    },
    plugins: [
      siwe({
        domain: new URL(e.BETTER_AUTH_URL).host,
        anonymous: true,
        getNonce: async () => generateSiweNonce(),
        verifyMessage: async ({ message, signature }) =>
          publicClient().verifySiweMessage({
            message,
            signature: signature as `0x${string}`,
            domain: new URL(e.BETTER_AUTH_URL).host,
          }),
      }),
      nextCookies(),
    ],
  });
}

export type Auth = Awaited<ReturnType<typeof createAuth>>;

const globalForAuth = globalThis as unknown as { trialproofAuth?: Promise<Auth> };

export function getAuth(): Promise<Auth> {
  globalForAuth.trialproofAuth ??= createAuth();
  return globalForAuth.trialproofAuth;
}
