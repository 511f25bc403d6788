/**
 * The PostgreSQL database of one `serve.ts --fresh` run (the end-to-end tests): `tp_run_<ms>_<pid>_<hex>` on the
 * configured local server, dropped when the run stops. A run that is killed cannot drop its own; the next run
 * drops those that are older than itself, whose process is gone and that nobody is connected to, so a run still
 * going on the same server (two checkouts testing side by side) keeps its database.
 */
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { assertLocal } from "@/lib/testing/fresh-database";

const PREFIX = "tp_run_";
// Older runs named theirs without the pid: those are dropped when nobody is connected.
const NAME = /^tp_run_(\d+)_(?:(\d+)_)?[0-9a-f]+$/;

function withDatabase(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

async function asAdmin<T>(base: string, fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  assertLocal(base);
  const sql = postgres(base, { max: 1, onnotice: () => {} });
  try {
    return await fn(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export async function createRunDatabase(base: string): Promise<string> {
  const name = `${PREFIX}${Date.now()}_${process.pid}_${randomBytes(3).toString("hex")}`;
  await asAdmin(base, (sql) => sql.unsafe(`CREATE DATABASE "${name}"`));
  return withDatabase(base, name);
}

/** Drops this run's database (connecting through `base`), closing whatever connections the stopped server left. */
export async function dropRunDatabase(base: string, url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  if (!NAME.test(name)) throw new Error(`not a run database: ${name}`);
  await asAdmin(base, (sql) => sql.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Drops the run databases earlier runs left behind (see above); returns their names. */
export async function sweepStaleRunDatabases(base: string, onDropped: (name: string) => void = () => {}): Promise<string[]> {
  const startedAt = Date.now();
  return asAdmin(base, async (sql) => {
    const rows = await sql<{ datname: string }[]>`SELECT datname FROM pg_database WHERE datname LIKE ${`${PREFIX}%`}`;
    const dropped: string[] = [];
    for (const { datname } of rows) {
      const match = NAME.exec(datname);
      if (!match || Number(match[1]) >= startedAt || (match[2] && processAlive(Number(match[2])))) continue;
      // Without FORCE: a database someone is connected to is still in use, and the drop fails.
      const ok = await sql.unsafe(`DROP DATABASE IF EXISTS "${datname}"`).then(
        () => true,
        () => false,
      );
      if (ok) {
        dropped.push(datname);
        onDropped(datname);
      }
    }
    return dropped;
  });
}
