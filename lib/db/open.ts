import path from "node:path";
import { mkdirSync } from "node:fs";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";

export type Schema = typeof schema;
/** Both engines are used through the same Drizzle API; only the driver differs. */
export type Database = PgDatabase<PgQueryResultHKT, Schema> & { $close: () => Promise<void>; $engine: "postgres" | "pglite" };
export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

export const migrationsFolder = path.resolve(/* turbopackIgnore: true */ process.cwd(), "drizzle");

export interface OpenOptions {
  databaseUrl?: string;
  pgliteDir?: string;
  migrate?: boolean;
}

/** Opens PostgreSQL (DATABASE_URL) or embedded PGlite and applies the committed migrations. */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  const migrate = opts.migrate ?? true;
  if (opts.databaseUrl) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const client = postgres(opts.databaseUrl, { max: 10, onnotice: () => {} });
    const database = drizzle(client, { schema });
    if (migrate) {
      const { migrate: run } = await import("drizzle-orm/postgres-js/migrator");
      await run(database, { migrationsFolder });
    }
    return Object.assign(database, {
      $close: () => client.end({ timeout: 5 }),
      $engine: "postgres" as const,
    }) as unknown as Database;
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const requested = opts.pgliteDir ?? ".data/pglite";
  const dir = requested.startsWith("memory://") ? requested : path.resolve(/* turbopackIgnore: true */ process.cwd(), requested);
  if (!dir.startsWith("memory://")) mkdirSync(dir, { recursive: true });
  const client = await PGlite.create(dir);
  const database = drizzle(client, { schema });
  if (migrate) {
    const { migrate: run } = await import("drizzle-orm/pglite/migrator");
    await run(database, { migrationsFolder });
  }
  return Object.assign(database, {
    $close: () => client.close(),
    $engine: "pglite" as const,
  }) as unknown as Database;
}
