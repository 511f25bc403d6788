import path from "node:path";
import { mkdirSync } from "node:fs";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";

export type Schema = typeof schema;
type Drizzle = PgDatabase<PgQueryResultHKT, Schema>;
/** Both engines are used through the same Drizzle API; only the driver differs. */
export type Database = Drizzle & {
  $close: () => Promise<void>;
  $engine: "postgres" | "pglite";
  /** Runs `fn` with the owner's privileges (migrations, tests that tamper as a superuser would). */
  $asOwner: <T>(fn: (owner: Drizzle) => Promise<T>) => Promise<T>;
};
export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

export const migrationsFolder = path.resolve(/* turbopackIgnore: true */ process.cwd(), "drizzle");

/** The role the application works as: it may append to the log, never rewrite it (see drizzle/0003). */
export const APP_ROLE = "trialproof_app";

export interface OpenOptions {
  databaseUrl?: string;
  pgliteDir?: string;
  migrate?: boolean;
  /** Role to work as after migrating; null keeps the connecting user's own privileges. */
  appRole?: string | null;
  maxConnections?: number;
}

/**
 * Opens PostgreSQL (DATABASE_URL) or embedded PGlite, applies the committed migrations as the connecting
 * (owning) user, then works as the restricted application role.
 */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  const migrate = opts.migrate ?? true;
  const appRole = opts.appRole === undefined ? APP_ROLE : opts.appRole;
  if (opts.databaseUrl) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const url = opts.databaseUrl;
    if (migrate) {
      const owner = postgres(url, { max: 1, onnotice: () => {} });
      try {
        const { migrate: run } = await import("drizzle-orm/postgres-js/migrator");
        await run(drizzle(owner, { schema }), { migrationsFolder });
      } finally {
        await owner.end({ timeout: 5 });
      }
    }
    const client = postgres(url, {
      max: opts.maxConnections ?? 10,
      onnotice: () => {},
      ...(appRole ? { connection: { role: appRole } } : {}),
    });
    const database = drizzle(client, { schema });
    const asOwner = async <T>(fn: (owner: Drizzle) => Promise<T>): Promise<T> => {
      const owner = postgres(url, { max: 1, onnotice: () => {} });
      try {
        return await fn(drizzle(owner, { schema }) as unknown as Drizzle);
      } finally {
        await owner.end({ timeout: 5 });
      }
    };
    return Object.assign(database, {
      $close: () => client.end({ timeout: 5 }),
      $engine: "postgres" as const,
      $asOwner: asOwner,
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
  // PGlite has one session: the role is switched for it, and switched back only inside $asOwner.
  if (appRole) await client.exec(`SET ROLE ${appRole}`);
  const asOwner = async <T>(fn: (owner: Drizzle) => Promise<T>): Promise<T> => {
    await client.exec("RESET ROLE");
    try {
      return await fn(database as unknown as Drizzle);
    } finally {
      if (appRole) await client.exec(`SET ROLE ${appRole}`);
    }
  };
  return Object.assign(database, {
    $close: () => client.close(),
    $engine: "pglite" as const,
    $asOwner: asOwner,
  }) as unknown as Database;
}
