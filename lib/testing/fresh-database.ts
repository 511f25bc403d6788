import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openDatabase, type Database } from "@/lib/db/open";

/**
 * A brand-new, migrated database for one test file: a freshly created PostgreSQL database when
 * DATABASE_URL is set (never the configured database itself), otherwise an in-memory PGlite.
 * It is also installed as the process-wide handle that use cases resolve through db().
 */
export async function freshDatabase(): Promise<{ database: Database; url?: string; drop: () => Promise<void> }> {
  const base = process.env.DATABASE_URL;
  let database: Database;
  let drop: () => Promise<void>;
  let url: string | undefined;
  if (base) {
    assertLocal(base);
    const name = `tp_it_${Date.now()}_${randomBytes(4).toString("hex")}`;
    const admin = postgres(base, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE "${name}"`);
    await admin.end();
    const target = new URL(base);
    target.pathname = `/${name}`;
    url = target.toString();
    database = await openDatabase({ databaseUrl: url });
    drop = async () => {
      await database.$close();
      const a = postgres(base, { max: 1, onnotice: () => {} });
      await a.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await a.end();
    };
  } else {
    database = await openDatabase({ pgliteDir: "memory://" });
    drop = () => database.$close();
  }
  (globalThis as unknown as { trialproofDb?: Promise<Database> }).trialproofDb = Promise.resolve(database);
  return { database, url, drop };
}

/** Tests create and drop databases: refuse anything but a server on this machine. */
export function assertLocal(url: string): void {
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]", ""].includes(host)) {
    throw new Error(`Refusing to run tests against a non-local database host: ${host}`);
  }
}
