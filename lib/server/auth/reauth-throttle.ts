import "server-only";
import { sql } from "drizzle-orm";
import { db, type Database } from "@/lib/db/client";
import { AppError } from "@/lib/server/errors/app-error";
import { pairWaitSeconds, reserveKey } from "./sign-in-guard";

/**
 * Per-user limit on password re-entry (signing, withdrawing consent): a signed-in session must not become a way to
 * guess the account's password at full speed. It follows sign-in's back-off per account (sign-in-guard.ts): the
 * first `freeFailures` wrong passwords cost nothing (typos), then each further attempt waits 30 s, doubling up to an
 * hour; a correct password clears the count, and a day without attempts forgets it. Keyed on the user alone: the
 * caller already holds that user's session, so nobody else can lock them out.
 *
 * The count lives in better-auth's rate_limit table under a key of our own, outside the use case's transaction: a
 * wrong password rolls back everything the use case did (nothing of the consent is written) but still counts here.
 * An attempt is reserved before it runs (compare-and-set), so parallel requests cannot all pass a stale count.
 */
const keyOf = (userId: string) => `reauth:user:${userId}`;

/** "30 seconds", "1 minute", "2 minutes", "1 hour": the wait as a person reads it. */
export function waitInWords(seconds: number): string {
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  if (seconds < 60) return unit(Math.max(1, Math.ceil(seconds)), "second");
  if (seconds < 3_600) return unit(Math.ceil(seconds / 60), "minute");
  return unit(Math.ceil(seconds / 3_600), "hour");
}

/** The attempt never reached the password check (a conflict, a missing choice): it does not count. */
async function release(database: Database, userId: string): Promise<void> {
  await database.execute(sql`update rate_limit set count = greatest(count - 1, 0) where key = ${keyOf(userId)}`);
}

async function clear(database: Database, userId: string): Promise<void> {
  await database.execute(sql`delete from rate_limit where key = ${keyOf(userId)}`);
}

/** confirmSigner (lib/server/consent/reauthenticate.ts) refuses a wrong password as a 403 on the `password` field. */
const wrongPassword = (error: unknown) => error instanceof AppError && error.code === "FORBIDDEN" && !!error.fieldErrors?.password;
/** A printed name that is not the account's is checked after the password, so the password was right. */
const passwordWasRight = (error: unknown) => error instanceof AppError && error.code === "UNPROCESSABLE" && !!error.fieldErrors?.printedName;

/**
 * Runs a use case that re-authenticates the user by password, within the per-user limit: 429 (with the wait in
 * words and `Retry-After`) while the user must wait, before the use case even runs.
 */
export async function withReauthenticationLimit<T>(userId: string, run: () => Promise<T>, now = Date.now()): Promise<T> {
  const database = await db();
  const verdict = await reserveKey(database, keyOf(userId), (failures) => pairWaitSeconds(failures, false), now);
  if (!verdict.allowed) {
    const wait = verdict.retryAfterSeconds;
    throw new AppError("RATE_LIMITED", `Too many wrong passwords. Nothing was signed. Try again in ${waitInWords(wait)}.`, undefined, {
      retryAfterSeconds: wait,
    });
  }
  try {
    const result = await run();
    await clear(database, userId);
    return result;
  } catch (error) {
    if (passwordWasRight(error)) await clear(database, userId);
    else if (!wrongPassword(error)) await release(database, userId);
    throw error;
  }
}
