import "server-only";
import { openDatabase, type Database } from "./open";
import { env } from "@/lib/env";

/**
 * One database handle per server process, kept on globalThis so hot reload in development does not
 * open a second PGlite on the same directory (PGlite allows a single owner process).
 */
const globalForDb = globalThis as unknown as { trialproofDb?: Promise<Database> };

export function db(): Promise<Database> {
  globalForDb.trialproofDb ??= openDatabase({
    databaseUrl: env().DATABASE_URL,
    pgliteDir: env().PGLITE_DIR,
  });
  return globalForDb.trialproofDb;
}

export type { Database, Tx } from "./open";
