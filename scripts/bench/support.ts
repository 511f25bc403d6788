/**
 * Shared pieces of the benchmark scripts: a throwaway PostgreSQL database, realistic records, the machine
 * description, timing and formatting helpers. Trials and the chain come from lib/testing/test-ledger.ts.
 */
import { randomBytes } from "node:crypto";
import os from "node:os";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { openDatabase, type Database } from "@/lib/db/open";
import { rowsOf } from "@/lib/db/rows";
import type { RecordInput } from "@/lib/server/log/append-records";

export const DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/postgres";

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

/** The benchmark creates and drops a database: only ever on a server on this machine. */
export function assertLocalDatabaseUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error("DATABASE_URL is not a valid URL");
  }
  if (parsed.protocol !== "postgres:" && parsed.protocol !== "postgresql:") {
    throw new Error(`DATABASE_URL must be a postgres:// URL, got ${parsed.protocol}`);
  }
  if (!LOCAL_HOSTS.has(parsed.hostname)) {
    throw new Error(`refusing to benchmark against a non-local database host "${parsed.hostname}" (127.0.0.1, localhost or ::1 only)`);
  }
  return parsed;
}

export interface BenchDatabase {
  database: Database;
  name: string;
  drop: () => Promise<void>;
}

/** Creates a fresh database on the local server, migrates it and opens it as the application role. */
export async function createBenchDatabase(baseUrl: string): Promise<BenchDatabase> {
  const base = assertLocalDatabaseUrl(baseUrl);
  const name = `tp_bench_${Date.now()}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(base.toString(), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const target = new URL(base.toString());
  target.pathname = `/${name}`;
  let database: Database | undefined;
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    if (database) await database.$close().catch(() => {});
    const a = postgres(base.toString(), { max: 1, onnotice: () => {} });
    try {
      await a.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } finally {
      await a.end({ timeout: 5 });
    }
  };
  try {
    database = await openDatabase({ databaseUrl: target.toString(), maxConnections: 4 });
  } catch (error) {
    await drop();
    throw error;
  }
  return { database, name, drop };
}

/** `PostgreSQL 15.20` and the settings that matter most for these figures. */
export async function serverInfo(database: Database): Promise<{ version: string; settings: string }> {
  const rows = rowsOf<{ name: string; setting: string; unit: string | null }>(
    await database.execute(
      sql`select name, setting, unit from pg_settings where name in ('server_version', 'shared_buffers', 'synchronous_commit', 'fsync', 'wal_level', 'jit') order by name`,
    ),
  );
  const get = (name: string) => rows.find((r) => r.name === name);
  const sb = get("shared_buffers");
  const sharedBuffers = sb ? `${(Number(sb.setting) * (sb.unit === "8kB" ? 8 : 1)) / 1024} MB` : "?";
  return {
    version: `PostgreSQL ${(get("server_version")?.setting ?? "?").split(" ")[0]}`,
    settings: `shared_buffers ${sharedBuffers}, synchronous_commit ${get("synchronous_commit")?.setting ?? "?"}, fsync ${get("fsync")?.setting ?? "?"}, jit ${get("jit")?.setting ?? "?"}`,
  };
}

const OBSERVED_BASE = Date.parse("2026-03-02T08:00:00.000Z");
const MEASURES = [
  ["systolic_bp", "mm[Hg]"],
  ["diastolic_bp", "mm[Hg]"],
  ["heart_rate", "/min"],
  ["body_weight", "kg"],
  ["hba1c", "%"],
] as const;
const VISITS = ["baseline", "week_4", "week_8", "week_12", "week_26", "week_52"] as const;

/**
 * A realistic outcome record (the bulk of a trial's log): a site investigator records a measurement for a
 * pseudonymous participant. `n` varies the participant, measure, visit and value deterministically.
 */
export function outcomeInput(n: number): RecordInput {
  const [measure, unit] = MEASURES[n % MEASURES.length]!;
  return {
    kind: "outcome.recorded",
    actor: { role: "investigator", id: `usr_site${String(n % 40).padStart(4, "0")}` },
    subject: `ppt_${(n % 5000).toString(36).padStart(6, "0")}`,
    body: {
      measure,
      value: `${100 + (n % 80)}.${n % 10}`,
      unit,
      visit: VISITS[Math.floor(n / 5000) % VISITS.length]!,
      observedAt: new Date(OBSERVED_BASE + n * 60_000).toISOString(),
    },
  };
}

export function outcomeInputs(start: number, count: number): RecordInput[] {
  return Array.from({ length: count }, (_, i) => outcomeInput(start + i));
}

// ---------------------------------------------------------------------------------------------------------------
// Machine, time, statistics, formatting
// ---------------------------------------------------------------------------------------------------------------

export interface MachineInfo {
  cpu: string;
  cores: number;
  ramGiB: number;
  node: string;
  postgres: string;
  postgresSettings: string;
  platform: string;
}

export function machineInfo(postgres: { version: string; settings: string }): MachineInfo {
  const cpus = os.cpus();
  return {
    cpu: (cpus[0]?.model ?? "unknown CPU").replace(/\s+/g, " ").trim(),
    cores: cpus.length,
    ramGiB: os.totalmem() / 2 ** 30,
    node: process.version,
    postgres: postgres.version,
    postgresSettings: postgres.settings,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

export function loadAverage(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" / ");
}

export function now(): number {
  return performance.now();
}

/** Value at quantile q (0..1) of an ascending array, nearest-rank. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/** Deterministic PRNG (mulberry32), so that two runs sample the same indexes. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function int(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

/** Three significant digits, thousands separated, e.g. 41.2, 5,230, 0.512. */
export function sig(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 1000) return int(n);
  return Number(n.toPrecision(3)).toString();
}

export function ms(n: number): string {
  return `${n < 10 ? n.toFixed(2) : n.toFixed(1)} ms`;
}

/** Progress on stderr; the report itself goes to stdout. */
export function progress(line: string): void {
  process.stderr.write(`${line}\n`);
}

export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const esc = (c: string) => c.replace(/\|/g, "\\|");
  return [`| ${header.map(esc).join(" | ")} |`, `|${header.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.map(esc).join(" | ")} |`)].join(
    "\n",
  );
}
