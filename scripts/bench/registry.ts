/**
 * Registry benchmark (`npm run bench:registry`): 10,000 registered trials (`-- --trials N`) in a fresh database on
 * the local PostgreSQL (DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres; local hosts only; dropped at
 * the end), then the server time of the public registry list (`listRegistryTrials`, the exact use case behind
 * GET /api/trials) over a deterministic mix of searches, filters and pages: p50 / p95 / p99, next to a same-run
 * baseline (the first page with no search or filter: the cheapest list the registry can answer). Goal: p95 < 200 ms.
 */
import { sql } from "drizzle-orm";
import { seedRegistryTrialsForTest } from "@/lib/testing/registry-seed";
import { listRegistryTrials } from "@/lib/server/protocols/list-registry-trials";
import { ZRegistryQuerySchema, type TRegistryQuery } from "@/lib/schemas/registry";
import { PHASES } from "@/lib/vocabulary/phase";
import { RECRUITMENT_STATUSES } from "@/lib/vocabulary/recruitment-status";
import { createBenchDatabase, DEFAULT_DATABASE_URL, loadAverage, machineInfo, ms, now, prng, progress, quantile, serverInfo } from "./support";

const args = process.argv.slice(2);
const argValue = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const TRIALS = Number(argValue("--trials") ?? 10_000);
const QUERIES = Number(argValue("--queries") ?? 600);

const WORDS = [
  "amlodipine",
  "diabetes",
  "asthma",
  "contoso",
  "cancer",
  "heart",
  "study 12",
  "metformin",
  "northwind",
  "kidney",
  "zzz-no-match",
  "tp-2025-01",
];
const COUNTRIES = ["GB", "FR", "DE", "US", "JP", "BR"];

function queryMix(n: number): TRegistryQuery[] {
  const r = prng(20261121);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  return Array.from({ length: n }, () => {
    const p: Record<string, string> = { pageSize: String(pick([10, 20, 50])) };
    if (r() < 0.6) p.q = pick(WORDS);
    if (r() < 0.3) p.status = pick(RECRUITMENT_STATUSES);
    if (r() < 0.3) p.phase = pick(PHASES);
    if (r() < 0.3) p.country = pick(COUNTRIES);
    // Mostly early pages, some deep ones (offset up to ~9,000 when unfiltered).
    p.page = String(r() < 0.8 ? 1 + Math.floor(r() * 5) : 1 + Math.floor(r() * (TRIALS / Number(p.pageSize))));
    return ZRegistryQuerySchema.parse(p);
  });
}

async function timeAll(queries: readonly TRegistryQuery[], run: (q: TRegistryQuery) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (const q of queries) {
    const t0 = now();
    await run(q);
    times.push(now() - t0);
  }
  return times.sort((a, b) => a - b);
}

const summary = (t: number[]) => `p50 ${ms(quantile(t, 0.5))} · p95 ${ms(quantile(t, 0.95))} · p99 ${ms(quantile(t, 0.99))}`;

async function main() {
  const bench = await createBenchDatabase(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL);
  try {
    const { database } = bench;
    const info = machineInfo(await serverInfo(database));
    const loadStart = loadAverage();
    progress(`seeding ${TRIALS} registered trials…`);
    await seedRegistryTrialsForTest(database, TRIALS);
    await database.$asOwner((owner) => owner.execute(sql`analyze trial`));

    const mix = queryMix(QUERIES);
    const baseline = Array.from({ length: QUERIES }, () => ZRegistryQuerySchema.parse({}));
    progress("warming up…");
    await timeAll(mix.slice(0, 50), (q) => listRegistryTrials(q, database));
    progress(`timing ${QUERIES} varied registry queries and ${QUERIES} baseline queries…`);
    const base = await timeAll(baseline, (q) => listRegistryTrials(q, database));
    const varied = await timeAll(mix, (q) => listRegistryTrials(q, database));
    const worst = await timeAll(
      Array.from({ length: 100 }, () => ZRegistryQuerySchema.parse({ q: "a e", pageSize: "100", page: String(Math.floor(TRIALS / 100)) })),
      (q) => listRegistryTrials(q, database),
    );

    console.log(
      `\nMachine: ${info.cpu}, ${info.cores} cores, ${info.ramGiB.toFixed(1)} GiB RAM, ${info.platform}; Node ${info.node}; ${info.postgres} (${info.postgresSettings}). Load average: ${loadStart} at start, ${loadAverage()} at the end.\n`,
    );
    console.log(`| What | Server time (listRegistryTrials, ${TRIALS.toLocaleString("en")} registered trials) |`);
    console.log(`|---|---|`);
    console.log(`| Varied searches / filters / pages (${QUERIES} queries) | ${summary(varied)} |`);
    console.log(`| Worst case: two-word search matching almost every row, deepest page of 100 | ${summary(worst)} |`);
    console.log(`| Baseline: first page, no search or filter | ${summary(base)} |`);
    const p95 = quantile(varied, 0.95);
    console.log(
      `\nRegistry list p95 ${ms(p95)} (${(p95 / quantile(base, 0.95)).toFixed(1)}× the same-run baseline); goal < 200 ms: ${p95 < 200 ? "met" : "MISSED"}`,
    );
  } finally {
    await bench.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
