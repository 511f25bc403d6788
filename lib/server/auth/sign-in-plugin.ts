import "server-only";
import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware, isAPIError } from "better-auth/api";
import { eq } from "drizzle-orm";
import type { Database, Tx } from "@/lib/db/client";
import { user } from "@/lib/db/schema";
import type { BodyOf } from "@/lib/integrity";
import { PORTAL_ACTOR } from "@/lib/server/audit/actor";
import { recordDomainChange } from "@/lib/server/audit/record-domain-change";
import { decisionAddressIn } from "./client-address";
import { attemptFailed, attemptSucceeded, emailTag, normalizedEmail, reserveAttempt, SIGN_IN_POLICY, type SignInAttempt } from "./sign-in-guard";

/** Error codes the portal adds to better-auth's, so failures are classified by code rather than by wording. */
export const SIGN_IN_ERROR = {
  backoff: "SIGN_IN_BACKOFF",
  walletNotLinked: "WALLET_NOT_LINKED",
  wrongChain: "SIWE_WRONG_CHAIN",
} as const;

type Method = BodyOf<"auth.sign_in_failed">["method"];
type Reason = BodyOf<"auth.sign_in_failed">["reason"];

const PASSWORD_PATH = "/sign-in/email";
const SIWE_PATH = "/siwe/verify";

function codeOf(error: unknown): string | undefined {
  const body = isAPIError(error) ? (error.body as { code?: unknown } | undefined) : undefined;
  return typeof body?.code === "string" ? body.code : undefined;
}

function reasonOf(method: Method, error: unknown): Reason {
  const code = codeOf(error);
  if (code === SIGN_IN_ERROR.backoff || (isAPIError(error) && error.statusCode === 429)) return "rate_limited";
  if (method === "siwe") return code === SIGN_IN_ERROR.walletNotLinked ? "unknown_account" : "bad_signature";
  return "bad_credentials";
}

function emailIn(body: unknown): string | null {
  const email = (body as { email?: unknown } | null | undefined)?.email;
  return typeof email === "string" && email.trim() ? email : null;
}

interface Failure {
  method: Method;
  attempt: SignInAttempt | null;
  address: string | null;
  error: unknown;
}

/** The audit row and log record of a failed or refused attempt (the password is never among the details). */
async function recordFailure(tx: Tx, failure: Failure): Promise<void> {
  await recordDomainChange(tx, PORTAL_ACTOR, {
    kind: "auth.sign_in_failed",
    body: { method: failure.method, reason: reasonOf(failure.method, failure.error) },
    details: {
      method: failure.method,
      // The address typed is kept (audit table only) to spot targeted guessing.
      attemptedEmail: failure.attempt ? normalizedEmail(failure.attempt.email) : null,
      reason: (failure.error instanceof Error ? failure.error.message : String(failure.error)).slice(0, 200),
    },
    ipAddress: failure.address,
  });
}

/** A failed password attempt: counted against the account, audited, and reported when it crosses a threshold. */
async function passwordFailed(database: Database, attempt: SignInAttempt, error: unknown): Promise<void> {
  await database.transaction(async (tx) => {
    await recordFailure(tx, { method: "password", attempt, address: attempt.address, error });
    const tally = await attemptFailed(tx, attempt);
    if (tally.alerts.length === 0) return;
    const [target] = await tx
      .select({ id: user.id })
      .from(user)
      .where(eq(user.email, normalizedEmail(attempt.email)));
    for (const alert of tally.alerts) {
      await recordDomainChange(tx, PORTAL_ACTOR, {
        kind: "auth.sign_in_alert",
        body: { method: "password", ...alert, account: target?.id ?? null, emailTag: emailTag(attempt.email) },
        details: { ...alert, attemptedEmail: normalizedEmail(attempt.email), account: target?.id ?? null },
        ipAddress: attempt.address,
      });
    }
  });
}

/**
 * Sign-in throttling per account (sign-in-guard.ts) and the audit of every failed or refused sign-in, with the
 * decision address (client-address.ts) in the audit row.
 */
export function signInGuard(database: Database) {
  return {
    id: "trialproof-sign-in-guard",
    // Never matches a path: it only tells better-auth's limiter, which prunes rate_limit rows older than its
    // longest window, to keep the guard's rows (in the same table) as long as the guard looks back.
    rateLimit: [{ window: SIGN_IN_POLICY.forgetAfterSeconds, max: 1, pathMatcher: () => false }],
    hooks: {
      before: [
        {
          matcher: (ctx) => ctx.path === PASSWORD_PATH,
          handler: createAuthMiddleware(async (ctx) => {
            const email = emailIn(ctx.body);
            if (!email) return;
            const attempt = { email, address: decisionAddressIn(ctx.headers ?? ctx.request?.headers) };
            const verdict = await reserveAttempt(database, attempt);
            if (verdict.allowed) return;
            const wait = verdict.retryAfterSeconds;
            const error = new APIError(
              "TOO_MANY_REQUESTS",
              {
                code: SIGN_IN_ERROR.backoff,
                message: `Too many failed sign-in attempts for this account from your network. Try again in ${wait} second${wait === 1 ? "" : "s"}.`,
              },
              { "X-Retry-After": String(wait) },
            );
            await database.transaction((tx) => recordFailure(tx, { method: "password", attempt, address: attempt.address, error }));
            throw error;
          }),
        },
      ],
      after: [
        {
          matcher: (ctx) => ctx.path === PASSWORD_PATH || ctx.path === SIWE_PATH,
          handler: createAuthMiddleware(async (ctx) => {
            const returned = ctx.context.returned;
            const failed = returned instanceof Error;
            const address = decisionAddressIn(ctx.headers ?? ctx.request?.headers);
            if (ctx.path === SIWE_PATH) {
              if (failed) await database.transaction((tx) => recordFailure(tx, { method: "siwe", attempt: null, address, error: returned }));
              return;
            }
            const email = emailIn(ctx.body);
            const attempt = email ? { email, address } : null;
            if (!failed) {
              if (attempt) await attemptSucceeded(database, attempt);
              return;
            }
            if (attempt) await passwordFailed(database, attempt, returned);
            else await database.transaction((tx) => recordFailure(tx, { method: "password", attempt: null, address, error: returned }));
          }),
        },
      ],
    },
  } satisfies BetterAuthPlugin;
}
