import "server-only";
import { createHmac } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Database, Tx } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";
import { newAuthId } from "./auth-ids";
import { authSecret } from "./secret";

/**
 * Per-account limits on password sign-in, on top of better-auth's per-address limit (SIGN_IN_RATE_LIMIT_*,
 * keyed on the decision address of client-address.ts).
 *
 * Why this shape: a limit per account alone lets anyone lock a person out by typing their email wrongly on purpose;
 * a limit per address alone lets many addresses guess one password together. So:
 *
 * 1. Back-off per (account, client address). A client's first `freeFailures` failures against an account cost
 *    nothing (typos); after that each further attempt from that address waits `backoffBase · 2^(n − free)`, up to
 *    `backoffCap`. Only that client waits: the same account from another address, and other accounts from this
 *    address (within the per-address limit), are unaffected. A success clears the pair; a day without attempts
 *    forgets it.
 * 2. A generous per-account ceiling against guessing from many addresses. Once an account has `accountCeiling`
 *    failures with no quiet gap of `accountWindow`, it is in slow mode: every address gets one attempt per
 *    `accountWindow` against it. That slows a spread-out attack to one guess per address per window but never locks
 *    the account: a client that has not just failed still gets its attempt, so the owner can always sign in.
 * 3. Reports. The `alertAfterFailures`-th consecutive failure from one address against one account, and the failure
 *    that puts an account into slow mode, each raise one `auth.sign_in_alert` for platform admins (21 CFR 11.300(d)).
 *
 * State lives in better-auth's rate_limit table under keys of our own; the account is named by a keyed hash of the
 * email typed, never the email itself.
 */
export const SIGN_IN_POLICY = {
  freeFailures: 3,
  backoffBaseSeconds: 30,
  backoffCapSeconds: 3_600,
  forgetAfterSeconds: 86_400,
  accountCeiling: 20,
  accountWindowSeconds: 900,
  alertAfterFailures: 5,
} as const;

const P = SIGN_IN_POLICY;

export interface SignInAttempt {
  /** As typed; compared trimmed and lowercased. */
  email: string;
  /** The decision address; null when the portal runs without its server layer (all clients share one key). */
  address: string | null;
}

export const normalizedEmail = (email: string) => email.trim().toLowerCase().slice(0, 254);

/** Keyed hash of the email typed: correlates attempts and alerts without storing or logging the address. */
export function emailTag(email: string): `0x${string}` {
  return `0x${createHmac("sha256", authSecret())
    .update(`sign-in:${normalizedEmail(email)}`)
    .digest("hex")}`;
}

const pairKey = (a: SignInAttempt) => `sign-in:pair:${emailTag(a.email)}:${a.address ?? "unknown"}`;
const accountKey = (a: SignInAttempt) => `sign-in:account:${emailTag(a.email)}`;

/** How long a client with `failures` outstanding failures against an account waits after its last attempt. */
export function pairWaitSeconds(failures: number, slowMode: boolean): number {
  const backoff = failures >= P.freeFailures ? Math.min(P.backoffBaseSeconds * 2 ** (failures - P.freeFailures), P.backoffCapSeconds) : 0;
  const slow = slowMode && failures >= 1 ? P.accountWindowSeconds : 0;
  return Math.max(backoff, slow);
}

interface Row {
  count: number;
  last: number;
}

async function readRow(database: Database | Tx, key: string): Promise<Row | null> {
  const [row] = rowsOf<{ count: number; last_request: string | number }>(
    await database.execute(sql`select count, last_request from rate_limit where key = ${key}`),
  );
  return row ? { count: Number(row.count), last: Number(row.last_request) } : null;
}

async function inSlowMode(database: Database, attempt: SignInAttempt, now: number): Promise<boolean> {
  const account = await readRow(database, accountKey(attempt));
  return !!account && account.count >= P.accountCeiling && now - account.last < P.accountWindowSeconds * 1000;
}

export type Reservation = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Decides whether this attempt may go ahead and, if so, counts it as outstanding in the same atomic step
 * (compare-and-set on the pair's row), so concurrent attempts cannot all pass a stale read. A success clears it.
 */
export async function reserveAttempt(database: Database, attempt: SignInAttempt, now = Date.now()): Promise<Reservation> {
  const slow = await inSlowMode(database, attempt, now);
  return reserveKey(database, pairKey(attempt), (failures) => pairWaitSeconds(failures, slow), now);
}

/**
 * The compare-and-set reservation under any limiter key (sign-in pairs here, password re-entry in
 * reauth-throttle.ts): allowed once `waitSeconds(failures)` has passed since the key's last attempt, and then
 * counted as one more outstanding attempt; a key quiet for `forgetAfterSeconds` starts again from zero.
 */
export async function reserveKey(database: Database, key: string, waitSeconds: (failures: number) => number, now = Date.now()): Promise<Reservation> {
  for (let tries = 0; tries < 8; tries++) {
    const row = await readRow(database, key);
    const forgotten = !row || now - row.last >= P.forgetAfterSeconds * 1000;
    const failures = forgotten ? 0 : row.count;
    const readyAt = forgotten ? now : row.last + waitSeconds(failures) * 1000;
    if (now < readyAt) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((readyAt - now) / 1000)) };
    const written = row
      ? await database.execute(sql`
          update rate_limit set count = ${failures + 1}, last_request = ${now}
          where key = ${key} and count = ${row.count} and last_request = ${row.last} returning key`)
      : await database.execute(sql`
          insert into rate_limit (id, key, count, last_request) values (${newAuthId("rateLimit")}, ${key}, 1, ${now})
          on conflict (key) do nothing returning key`);
    if (rowsOf(written).length === 1) return { allowed: true };
  }
  // Heavy contention on one key: refuse briefly rather than let attempts through uncounted.
  return { allowed: false, retryAfterSeconds: 1 };
}

export async function attemptSucceeded(database: Database, attempt: SignInAttempt): Promise<void> {
  await database.execute(sql`delete from rate_limit where key = ${pairKey(attempt)}`);
}

export interface FailureTally {
  /** Consecutive failures of this client against this account (this one included). */
  fromAddress: number;
  /** Failures against this account from anywhere since its last quiet window. */
  forAccount: number;
  alerts: { trigger: "address_failures" | "account_failures"; failures: number; windowSeconds: number }[];
}

/** Counts a failed attempt against the account (in the caller's transaction) and says which alerts it raises. */
export async function attemptFailed(tx: Tx | Database, attempt: SignInAttempt, now = Date.now()): Promise<FailureTally> {
  const quietSince = now - P.accountWindowSeconds * 1000;
  const [account] = rowsOf<{ count: number }>(
    await tx.execute(sql`
      insert into rate_limit (id, key, count, last_request) values (${newAuthId("rateLimit")}, ${accountKey(attempt)}, 1, ${now})
      on conflict (key) do update set
        count = case when rate_limit.last_request <= ${quietSince} then 1 else rate_limit.count + 1 end,
        last_request = ${now}
      returning count`),
  );
  const forAccount = Number(account?.count ?? 1);
  const fromAddress = (await readRow(tx, pairKey(attempt)))?.count ?? 1;
  const alerts: FailureTally["alerts"] = [];
  if (fromAddress === P.alertAfterFailures) {
    alerts.push({ trigger: "address_failures", failures: fromAddress, windowSeconds: P.forgetAfterSeconds });
  }
  if (forAccount === P.accountCeiling) {
    alerts.push({ trigger: "account_failures", failures: forAccount, windowSeconds: P.accountWindowSeconds });
  }
  return { fromAddress, forAccount, alerts };
}
