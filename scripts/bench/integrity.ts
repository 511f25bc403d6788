/**
 * Integrity benchmarks (not part of the tests): `npm run bench:integrity [-- --quick] [-- --leaves N]`.
 *
 * Creates its own PostgreSQL database on the local server (DATABASE_URL or postgres://postgres@127.0.0.1:5432/
 * postgres as the base; dropped at the end) and its own Hardhat node on port 8590, then measures four figures,
 * each against a baseline taken in the same run on the same machine, and prints them as a Markdown table:
 *
 *   1. append throughput through appendRecords vs. inserting the same rows;
 *   2. gas per record of checkpoint / checkpointBatch vs. one checkpoint per record (at 1,000 leaves and at the
 *      size of the large log);
 *   3. full-trial verification rate vs. raw SHA-256 over the same canonical bytes;
 *   4. inclusion-proof latency from the database in a large log vs. a 1,000-leaf log.
 *
 * Progress goes to stderr, the report to stdout. Exits non-zero on any error (a missed goal is not an error:
 * it is reported in the table).
 */
import type { HardhatNode } from "@/lib/chain/local-node";
import { createTrialsForTest } from "@/lib/testing/test-ledger";
import { benchAppend, cpuBreakdown, fillLog, type AppendResult, type CpuBreakdown } from "./append";
import { benchGas, benchGasAtScale, BENCH_CHAIN_PORT, connectChain, startBenchChain, type GasResult, type ScaleGasResult } from "./gas";
import { benchProofs, type ProofResult } from "./proofs";
import {
  assertLocalDatabaseUrl,
  createBenchDatabase,
  DEFAULT_DATABASE_URL,
  int,
  loadAverage,
  machineInfo,
  markdownTable,
  ms,
  now,
  progress,
  serverInfo,
  sig,
  type BenchDatabase,
  type MachineInfo,
} from "./support";
import { benchVerify, type VerifyResult } from "./verify";

const USAGE = `usage: npm run bench:integrity -- [--quick] [--leaves N]

  --quick      small sizes, for a smoke run (about a minute)
  --leaves N   leaves in the large log: figures 2c/2d, 3 and 4 (default 1,000,000; 20,000 with --quick)
`;

interface Options {
  quick: boolean;
  append100: number;
  append1: number;
  rounds: number;
  leaves: number;
  fillBatch: number;
  verifyRecords: number;
  verifyPasses: number;
  proofSamples: number;
  batchTrials: number;
  perRecordTxs: number;
  singleCheckpoints: number;
  cpuRecords: number;
}

function parseArgs(argv: readonly string[]): Options {
  let quick = false;
  let leaves: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--quick") quick = true;
    else if (a === "--leaves" || a.startsWith("--leaves=")) {
      const raw = a === "--leaves" ? argv[++i] : a.slice("--leaves=".length);
      const n = Number(raw?.replace(/[_,]/g, ""));
      if (!raw || !Number.isSafeInteger(n) || n < 2000) throw new UsageError(`--leaves needs an integer >= 2000, got "${raw ?? ""}"`);
      leaves = n;
    } else if (a === "--help" || a === "-h") throw new UsageError("");
    else throw new UsageError(`unknown argument "${a}"`);
  }
  const base: Options = quick
    ? {
        quick,
        append100: 2_000,
        append1: 200,
        rounds: 4,
        leaves: 20_000,
        fillBatch: 5_000,
        verifyRecords: 5_000,
        verifyPasses: 3,
        proofSamples: 200,
        batchTrials: 3,
        perRecordTxs: 20,
        singleCheckpoints: 2,
        cpuRecords: 2_000,
      }
    : {
        quick,
        append100: 20_000,
        append1: 1_000,
        rounds: 5,
        leaves: 1_000_000,
        fillBatch: 5_000,
        verifyRecords: 100_000,
        verifyPasses: 3,
        proofSamples: 1_000,
        batchTrials: 10,
        perRecordTxs: 100,
        singleCheckpoints: 3,
        cpuRecords: 10_000,
      };
  if (leaves !== undefined) base.leaves = leaves;
  base.verifyRecords = Math.min(base.verifyRecords, base.leaves);
  return base;
}

class UsageError extends Error {}

const LOGS = {
  append100: "TP-2026-0001",
  raw100: "TP-2026-0002",
  rawOne100: "TP-2026-0003",
  append1: "TP-2026-0004",
  raw1: "TP-2026-0005",
  rawOne1: "TP-2026-0006",
  large: "TP-2026-0007",
  small: "TP-2026-0008",
} as const;

interface Results {
  machine: MachineInfo;
  startedAt: Date;
  loads: { label: string; load: string }[];
  append100: AppendResult;
  append1: AppendResult;
  cpu: CpuBreakdown;
  fill: { ms: number; perSec: number };
  gas: GasResult;
  gasAtScale: ScaleGasResult;
  verify: VerifyResult;
  proofs: ProofResult;
  totalMs: number;
}

function yesNo(ok: boolean): string {
  return ok ? "met" : "**missed**";
}

function report(r: Results, o: Options): string {
  const { machine: m } = r;
  const a = r.append100;
  const a1 = r.append1;
  const g = r.gas;
  const gs = r.gasAtScale;
  const v = r.verify;
  const p = r.proofs;
  const singleRatio = g.perRecordTx.mean / g.single.perRecord;
  const batchRatio = g.perRecordTx.mean / g.batch.perRecord;
  const verifyRatio = v.verifyPerSec / v.nobleRawPerSec;
  const lat = (s: ProofResult["large"]) => `p50 ${ms(s.p50)} · p95 ${ms(s.p95)} · p99 ${ms(s.p99)}`;

  const appendRows = (id: string, x: AppendResult, goal: boolean): string[][] => {
    const what = `Append via \`appendRecords\`, ${x.batchSize === 1 ? "1 record" : `${x.batchSize} records`}/tx (${int(x.records)} records)`;
    const same = x.real.perSec / x.rawSame.perSec;
    const one = x.real.perSec / x.rawOne.perSec;
    return [
      [
        id,
        what,
        `${int(x.real.perSec)} records/s`,
        `same rows, same INSERT statements, ${x.batchSize}/tx: ${int(x.rawSame.perSec)} records/s`,
        sig(same),
        goal ? "≥ 5,000 records/s and ≥ 0.5" : "(reported)",
        goal ? `${yesNo(x.real.perSec >= 5000)} / ${yesNo(same >= 0.5)}` : "",
      ],
      [
        `${id}′`,
        `Same appends as ${id}, versus one INSERT statement per tx`,
        `${int(x.real.perSec)} records/s`,
        `same rows, one INSERT … SELECT per tx: ${int(x.rawOne.perSec)} records/s`,
        sig(one),
        goal ? "≥ 0.5" : "(reported)",
        goal ? yesNo(one >= 0.5) : "",
      ],
    ];
  };
  const rows: string[][] = [
    ...appendRows("1a", a, true),
    ...appendRows("1b", a1, false),
    [
      "2a",
      `\`checkpoint\` of ${int(g.leavesPerCheckpoint)} new leaves (1,000 → ${int((g.single.gasUsed.length + 1) * g.leavesPerCheckpoint)} leaves), ${[...new Set(g.single.proofLengths)].join("/")}-hash consistency proof`,
      `${sig(g.single.perRecord)} gas/record (${int(g.single.perRecord * g.leavesPerCheckpoint)} gas/tx)`,
      `one \`checkpoint\` per record at that size: ${int(g.perRecordTx.mean)} gas/record`,
      `${int(singleRatio)}× cheaper`,
      "≤ 60 gas/record and ≥ 500×",
      `${yesNo(g.single.perRecord <= 60)} / ${yesNo(singleRatio >= 500)}`,
    ],
    [
      "2b",
      `\`checkpointBatch\`, ${g.batch.trials} trials × ${int(g.leavesPerCheckpoint)} new leaves (1,000 → 2,000 leaves each)`,
      `${sig(g.batch.perRecord)} gas/record (${int(g.batch.gasUsed)} gas/tx)`,
      `one \`checkpoint\` per record at that size: ${int(g.perRecordTx.mean)} gas/record`,
      `${int(batchRatio)}× cheaper`,
      "≤ 60 gas/record and ≥ 500×",
      `${yesNo(g.batch.perRecord <= 60)} / ${yesNo(batchRatio >= 500)}`,
    ],
    [
      "2c",
      `\`checkpoint\` of the last ${int(gs.newLeaves)} leaves of the ${int(gs.logSize)}-leaf log (${gs.single.proofLength}-hash proof from the DB)`,
      `${sig(gs.single.perRecord)} gas/record (${int(gs.single.gasUsed)} gas/tx)`,
      `one \`checkpoint\` per record at that size: ${int(gs.perRecordTx.mean)} gas/record`,
      `${int(gs.perRecordTx.mean / gs.single.perRecord)}× cheaper`,
      "≤ 60 gas/record and ≥ 500×",
      `${yesNo(gs.single.perRecord <= 60)} / ${yesNo(gs.perRecordTx.mean / gs.single.perRecord >= 500)}`,
    ],
    [
      "2d",
      `\`checkpointBatch\`, ${gs.batch.trials} trials × ${int(gs.newLeaves)} new leaves at ${int(gs.logSize)} leaves`,
      `${sig(gs.batch.perRecord)} gas/record (${int(gs.batch.gasUsed)} gas/tx)`,
      `one \`checkpoint\` per record at that size: ${int(gs.perRecordTx.mean)} gas/record`,
      `${int(gs.perRecordTx.mean / gs.batch.perRecord)}× cheaper`,
      "≤ 60 gas/record and ≥ 500×",
      `${yesNo(gs.batch.perRecord <= 60)} / ${yesNo(gs.perRecordTx.mean / gs.batch.perRecord >= 500)}`,
    ],
    [
      "3a",
      `Full-trial verification, ${int(v.records)} records read from the DB (canonicalize + leafHash + compare, root over all)`,
      `${int(v.verifyPerSec)} leaves/s`,
      `SHA-256 of the same canonical bytes: ${int(v.nobleRawPerSec)}/s (@noble/hashes); ${int(v.nodeRawPerSec)}/s (node:crypto)`,
      `${sig(verifyRatio)} (vs @noble)`,
      "≥ 0.5",
      yesNo(verifyRatio >= 0.5),
    ],
  ];
  rows.push([
    "3a′",
    "Same verification as 3a, versus the hashing it cannot avoid",
    `${int(v.verifyPerSec)} leaves/s`,
    `SHA-256 of the same canonical bytes + the tree over them (@noble/hashes): ${int(v.hashFloorPerSec)}/s`,
    sig(v.verifyPerSec / v.hashFloorPerSec),
    "(reported)",
    "",
  ]);
  if (v.bundle) {
    rows.push([
      "3b",
      `\`verifyBundle\` on the bundle form (${int(v.records)} leaves; \`parseAuditBundle\` ${ms(v.bundle.parseMs)} extra)`,
      `${int(v.bundle.verifyPerSec)} leaves/s`,
      `@noble SHA-256: ${int(v.nobleRawPerSec)}/s`,
      sig(v.bundle.verifyPerSec / v.nobleRawPerSec),
      "(reported)",
      "",
    ]);
  }
  rows.push([
    "4",
    `\`inclusionProofFromDb\`, ${int(p.large.size)}-leaf log, ${int(p.large.samples)} random indexes`,
    lat(p.large),
    `${int(p.small.size)}-leaf log: ${lat(p.small)}`,
    `p95 ×${sig(p.large.p95 / p.small.p95)}`,
    "p95 ≤ 20 ms",
    yesNo(p.large.p95 <= 20),
  ]);

  const machineLine =
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.ramGiB.toFixed(1)} GiB RAM, ${m.platform}; Node ${m.node}; ${m.postgres} ` +
    `(local; ${m.postgresSettings}). Load average (1/5/15 min): ${r.loads[0]!.load} at start, ${r.loads[r.loads.length - 1]!.load} at the end.`;

  const c = r.cpu;
  const dbUs = 1e6 / a.real.perSec - c.totalUsPerRecord;
  const perTx = (x: AppendResult, t: AppendResult["real"]) =>
    `${(t.ms / x.transactions).toFixed(2)} · ${t.clientCpuPerTx.toFixed(2)} · ${t.serverCpuPerTx === null ? "n/a" : t.serverCpuPerTx.toFixed(2)} ms`;
  const details = [
    "### Details",
    "",
    `- Run: ${r.startedAt.toISOString()}, ${o.quick ? "--quick" : "full"}, ${int(o.leaves)} leaves in the large log; total ${(r.totalMs / 1000).toFixed(0)} s.`,
    `- Load average (1 min) when each part started: ${r.loads.map((l) => `${l.label} ${l.load.split(" / ")[0]}`).join(", ")}.`,
    `- Records are \`outcome.recorded\` envelopes (mean canonical size ${int(a.envelopeBytes)} bytes), one log per variant on one database, ` +
      `one connection at a time; appends and baseline inserts alternate in ${o.rounds} rounds.`,
    ...[a, a1].map(
      (x) =>
        `- ${x.batchSize}/tx, per transaction (wall · CPU of this process · CPU of the database server): appendRecords ${perTx(x, x.real)}; ` +
        `same INSERTs ${perTx(x, x.rawSame)}; one statement ${perTx(x, x.rawOne)}.`,
    ),
    `- Where an appended record's time goes (100/tx, ${(1e6 / a.real.perSec).toFixed(1)} µs per record): in-process steps ${c.totalUsPerRecord.toFixed(1)} µs ` +
      `(each step measured alone over ${int(c.records)} records, best of 3 passes), database, driver and round trips ${dbUs.toFixed(1)} µs ` +
      `(the same INSERTs alone: ${(1e6 / a.rawSame.perSec).toFixed(1)} µs, one statement: ${(1e6 / a.rawOne.perSec).toFixed(1)} µs):`,
    ...c.steps.map((s) => `  - ${s.name}: ${s.usPerRecord.toFixed(2)} µs`),
    `- Fill of the large log through appendRecords, ${int(o.fillBatch)} records/tx: ${int(r.fill.perSec)} records/s (${(r.fill.ms / 1000).toFixed(0)} s).`,
    `- Gas: checkpoints of ${int(g.leavesPerCheckpoint)} new leaves used ${g.single.gasUsed.map(int).join(", ")} gas; checkpointBatch ${int(g.batch.gasUsed)} gas ` +
      `(${g.batch.proofLength}-hash proofs); one checkpoint per record from size ${int(g.perRecordTx.fromSize)}: mean ${int(g.perRecordTx.mean)}, ` +
      `min ${int(g.perRecordTx.min)}, max ${int(g.perRecordTx.max)} gas over ${g.perRecordTx.transactions} txs. Any transaction costs at least ` +
      `${int(g.txFloor)} gas, so even a bare transaction per record would cost ${int(g.txFloor / g.batch.perRecord)}× the batch's gas per record ` +
      `(${int(g.txFloor / g.single.perRecord)}× the single checkpoint's). ` +
      `At ${int(gs.logSize)} leaves: one checkpoint per record over the last ${gs.perRecordTx.transactions} leaves: mean ${int(gs.perRecordTx.mean)}, ` +
      `min ${int(gs.perRecordTx.min)}, max ${int(gs.perRecordTx.max)} gas. Every final checkpoint was read back from the chain (and ${g.chainChecks.length} checked with verifyInclusion).`,
    `- Verification phases (hex path, per leaf): canonicalize ${v.phases.canonicalizeUs.toFixed(2)} µs, leafHash ${v.phases.leafHashUs.toFixed(2)} µs, ` +
      `root ${v.phases.rootUs.toFixed(2)} µs; byte-level variant ${int(v.verifyBytesPerSec)} leaves/s; mean leaf preimage ${int(v.meanLeafBytes)} bytes; ` +
      `reading the ${int(v.records)} rows took ${ms(v.readMs)} (not counted).`,
    `- Proofs: ${p.large.proofLength} hashes at ${int(p.large.size)} leaves, ${p.small.proofLength} at ${int(p.small.size)}; max ${ms(p.large.max)} / ${ms(p.small.max)}; ` +
      `${p.checked} sampled proofs verified against the root.`,
  ];

  return [
    "## Integrity benchmarks",
    "",
    `\`npm run bench:integrity${o.quick ? " -- --quick" : ""}\` — each figure with a baseline measured in the same run on the same machine.`,
    "",
    machineLine,
    "",
    markdownTable(["#", "What", "Measured", "Same-run baseline", "Ratio", "Goal", "Goal met"], rows),
    "",
    ...details,
    "",
  ].join("\n");
}

async function run(o: Options): Promise<string> {
  const startedAt = new Date();
  const t0 = now();
  const loads: Results["loads"] = [{ label: "start", load: loadAverage() }];
  const mark = (label: string) => loads.push({ label, load: loadAverage() });
  const cleanups: (() => Promise<void>)[] = [];
  let cleaning: Promise<void> | undefined;
  const cleanup = () =>
    (cleaning ??= (async () => {
      for (const c of cleanups.reverse()) await c().catch((e: unknown) => progress(`cleanup: ${e instanceof Error ? e.message : String(e)}`));
    })());
  const onSignal = (signal: NodeJS.Signals) => {
    progress(`\n${signal}: cleaning up (database, Hardhat node)…`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  try {
    const baseUrl = process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
    progress(`Creating a fresh database on ${assertLocalDatabaseUrl(baseUrl).host} …`);
    const bench: BenchDatabase = await createBenchDatabase(baseUrl);
    cleanups.push(async () => {
      await bench.drop();
      progress(`Dropped database ${bench.name}.`);
    });
    const { database } = bench;
    const machine = machineInfo(await serverInfo(database));
    progress(`Database ${bench.name}; ${machine.cpu}, ${machine.cores} cores; load ${loadAverage()}`);
    await createTrialsForTest(database, Object.values(LOGS));

    progress(`Starting a Hardhat node on port ${BENCH_CHAIN_PORT} …`);
    const node: HardhatNode = await startBenchChain();
    cleanups.push(() => node.stop());

    mark("2");
    progress("[2] Gas per record (TrialLedger)");
    const chain = await connectChain(node);
    const gas = await benchGas(chain, {
      batchTrials: o.batchTrials,
      perRecordTxs: o.perRecordTxs,
      singleCheckpoints: o.singleCheckpoints,
    });

    mark("1a");
    progress(`[1] Append throughput, 100 records/tx`);
    const append100 = await benchAppend(database, {
      realLog: LOGS.append100,
      rawLog: LOGS.raw100,
      rawOneLog: LOGS.rawOne100,
      batchSize: 100,
      records: o.append100,
      rounds: o.rounds,
      label: "100/tx",
    });
    mark("1b");
    progress(`[1] Append throughput, 1 record/tx`);
    const append1 = await benchAppend(database, {
      realLog: LOGS.append1,
      rawLog: LOGS.raw1,
      rawOneLog: LOGS.rawOne1,
      batchSize: 1,
      records: o.append1,
      rounds: o.rounds,
      label: "1/tx",
    });
    progress(`[1] In-process cost per record`);
    const cpu = cpuBreakdown(o.cpuRecords);

    mark("fill");
    progress(`[4] Filling a log to ${int(o.leaves)} leaves through appendRecords (${int(o.fillBatch)} per tx) …`);
    const fill = await fillLog(database, LOGS.large, o.leaves, o.fillBatch, "fill");
    await fillLog(database, LOGS.small, 1000, 1000, "fill (baseline log)");
    progress(`[2] Gas at ${int(o.leaves)} leaves (roots and proof from the database)`);
    const gasAtScale = await benchGasAtScale(chain, database, {
      logId: LOGS.large,
      newLeaves: 1000,
      batchTrials: o.batchTrials,
      perRecordTxs: o.perRecordTxs,
    });
    await node.stop();

    mark("3");
    progress(`[3] Full-trial verification of ${int(o.verifyRecords)} records`);
    const verify = await benchVerify(database, {
      logId: LOGS.large,
      records: o.verifyRecords,
      passes: o.verifyPasses,
      bundle: true,
      contract: gas.contract,
    });

    mark("4");
    progress(`[4] Inclusion-proof latency`);
    const proofs = await benchProofs(database, { largeLog: LOGS.large, smallLog: LOGS.small, samples: o.proofSamples });
    mark("end");

    return report(
      {
        machine,
        startedAt,
        loads,
        append100,
        append1,
        cpu,
        fill,
        gas,
        gasAtScale,
        verify,
        proofs,
        totalMs: now() - t0,
      },
      o,
    );
  } finally {
    await cleanup();
    process.removeListener("SIGINT", onSignal);
    process.removeListener("SIGTERM", onSignal);
  }
}

async function main(): Promise<number> {
  let options: Options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    if (e.message) process.stderr.write(`bench:integrity: ${e.message}\n`);
    process.stderr.write(USAGE);
    return e.message ? 2 : 0;
  }
  const out = await run(options);
  process.stdout.write(`${out}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench:integrity failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
