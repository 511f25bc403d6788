/**
 * Figure 1: append throughput through the real use-case path (appendRecords in the caller's transaction) versus
 * inserting the very same log rows, precomputed, with the same batch sizes on the same database.
 *
 * The baseline rows are the ones appendRecords just wrote (read back, untimed) re-inserted under other log ids:
 * same envelopes, same leaf hashes, same subtree nodes, no envelope building, hashing or head lock/update. Two
 * ways of inserting them are timed:
 *   - "same statements": the INSERTs appendRecords issues (Drizzle's multi-row insert builder, same chunking);
 *   - "one statement": a single INSERT … SELECT FROM json_to_recordset(…) per transaction for all three tables,
 *     i.e. what the storage layer itself takes for these rows when the client sends them in one round trip.
 * The three are interleaved round by round, so that a change in machine load hits all alike. CPU time of this
 * process and of the database's server processes is recorded per variant (Linux /proc; the server is local).
 */
import { readFileSync } from "node:fs";
import { and, asc, between, eq, gte, lt, sql } from "drizzle-orm";
import { buildEnvelope, canonicalize, CompactRange, leafHashOfCanonicalBytes, randomSalt, type Envelope } from "@/lib/integrity";
import type { Database, Tx } from "@/lib/db/open";
import { logEnvelope, logLeaf, logNode } from "@/lib/db/schema";
import { appendRecords, type RecordInput } from "@/lib/server/log/append-records";
import { rowsOf } from "@/lib/db/rows";
import { now, outcomeInputs, progress } from "./support";

type LeafRow = typeof logLeaf.$inferInsert;
type EnvelopeRow = typeof logEnvelope.$inferInsert;
type NodeRow = typeof logNode.$inferInsert;

export interface VariantTiming {
  ms: number;
  perSec: number;
  /** CPU milliseconds per transaction: this process, and the database server's processes (null if unreadable). */
  clientCpuPerTx: number;
  serverCpuPerTx: number | null;
}

export interface AppendResult {
  batchSize: number;
  records: number;
  transactions: number;
  real: VariantTiming;
  rawSame: VariantTiming;
  rawOne: VariantTiming;
  /** Mean envelope size (canonical JSON, bytes). */
  envelopeBytes: number;
}

interface StoredBatch {
  leaves: LeafRow[];
  envelopes: EnvelopeRow[];
  nodes: NodeRow[];
}

/** The rows appendRecords stored for leaves [start, end) of `logId`, re-addressed to `targetLog`. */
async function readBack(database: Database, logId: string, start: number, end: number, targetLog: string): Promise<StoredBatch> {
  const leaves = await database
    .select({
      idx: logLeaf.idx,
      leafHash: logLeaf.leafHash,
      kind: logLeaf.kind,
      subject: logLeaf.subject,
      at: logLeaf.at,
    })
    .from(logLeaf)
    .where(and(eq(logLeaf.logId, logId), gte(logLeaf.idx, start), lt(logLeaf.idx, end)))
    .orderBy(asc(logLeaf.idx));
  const envelopes = await database
    .select({ idx: logEnvelope.idx, envelope: logEnvelope.envelope })
    .from(logEnvelope)
    .where(and(eq(logEnvelope.logId, logId), gte(logEnvelope.idx, start), lt(logEnvelope.idx, end)))
    .orderBy(asc(logEnvelope.idx));
  // Nodes completed by the batch: those whose last leaf, (idx + 1)·2^level - 1, lies in [start, end).
  const nodes = await database
    .select({ level: logNode.level, idx: logNode.idx, hash: logNode.hash })
    .from(logNode)
    .where(and(eq(logNode.logId, logId), between(sql`(${logNode.idx} + 1) * (1::bigint << ${logNode.level}) - 1`, start, end - 1)))
    .orderBy(asc(sql`(${logNode.idx} + 1) * (1::bigint << ${logNode.level})`), asc(logNode.level));
  if (leaves.length !== end - start || envelopes.length !== end - start) {
    throw new Error(`read back ${leaves.length} leaves and ${envelopes.length} envelopes of [${start}, ${end}) from ${logId}`);
  }
  return {
    leaves: leaves.map((l) => ({ ...l, logId: targetLog })),
    envelopes: envelopes.map((e) => ({ ...e, logId: targetLog })),
    nodes: nodes.map((n) => ({ ...n, logId: targetLog })),
  };
}

/** Splits stored rows into the transactions appendRecords used (batches of `batchSize` leaves from `start`). */
function splitIntoBatches(rows: StoredBatch, start: number, batchSize: number): StoredBatch[] {
  const out: StoredBatch[] = [];
  const batchOf = (leafIndex: number) => Math.floor((leafIndex - start) / batchSize);
  for (const l of rows.leaves) (out[batchOf(l.idx)] ??= { leaves: [], envelopes: [], nodes: [] }).leaves.push(l);
  for (const e of rows.envelopes) out[batchOf(e.idx)]!.envelopes.push(e);
  for (const n of rows.nodes) out[batchOf((n.idx + 1) * 2 ** n.level - 1)]!.nodes.push(n);
  return out;
}

/** The baseline transaction: the same INSERT statements appendRecords issues, with the same chunking. */
async function insertRaw(tx: Tx, batch: StoredBatch): Promise<void> {
  const { leaves, envelopes, nodes } = batch;
  for (let i = 0; i < leaves.length; i += 2000) await tx.insert(logLeaf).values(leaves.slice(i, i + 2000));
  for (let i = 0; i < envelopes.length; i += 5000) await tx.insert(logEnvelope).values(envelopes.slice(i, i + 5000));
  for (let i = 0; i < nodes.length; i += 5000) await tx.insert(logNode).values(nodes.slice(i, i + 5000));
}

const hex = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("hex");

/** The same rows in one statement and one round trip: the three tables filled from two JSON parameters. */
async function insertRawOne(tx: Tx, logId: string, batch: StoredBatch): Promise<void> {
  let leaves = "[";
  for (let k = 0; k < batch.leaves.length; k++) {
    const l = batch.leaves[k]!;
    const e = batch.envelopes[k]!;
    if (e.idx !== l.idx) throw new Error("leaf and envelope rows out of step");
    leaves += `${k ? "," : ""}{"i":${l.idx},"h":"${hex(l.leafHash)}","k":${JSON.stringify(l.kind)},"s":${JSON.stringify(l.subject ?? null)},"a":"${(l.at as Date).toISOString()}","e":${JSON.stringify(e.envelope)}}`;
  }
  leaves += "]";
  let nodes = "[";
  for (let k = 0; k < batch.nodes.length; k++) {
    const n = batch.nodes[k]!;
    nodes += `${k ? "," : ""}{"l":${n.level},"i":${n.idx},"h":"${hex(n.hash)}"}`;
  }
  nodes += "]";
  await tx.execute(sql`with
    r as (select * from json_to_recordset(${leaves}::json) as r(i bigint, h text, k text, s text, a timestamptz, e jsonb)),
    l as (insert into log_leaf (log_id, idx, leaf_hash, kind, subject, at) select ${logId}, i, decode(h, 'hex'), k, s, a from r),
    e as (insert into log_envelope (log_id, idx, envelope) select ${logId}, i, e from r)
    insert into log_node (log_id, level, idx, hash)
      select ${logId}, l, i, decode(h, 'hex') from json_to_recordset(${nodes}::json) as n(l smallint, i bigint, h text)`);
}

/** Sum of user + system CPU (ms) of the server processes serving this database; null where /proc is unreadable. */
async function serverCpuMs(database: Database): Promise<number | null> {
  const rows = rowsOf<{ pid: number }>(await database.execute(sql`select pid from pg_stat_activity where datname = current_database()`));
  let total = 0;
  for (const { pid } of rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      total += (Number(fields[11]) + Number(fields[12])) * 10; // clock ticks of 10 ms (USER_HZ = 100)
    } catch {
      return null;
    }
  }
  return total;
}

class Meter {
  ms = 0;
  clientCpu = 0;
  serverCpu: number | null = 0;
  constructor(private readonly database: Database) {}
  async time(fn: () => Promise<void>): Promise<void> {
    const s0 = await serverCpuMs(this.database);
    const c0 = process.cpuUsage();
    const t0 = now();
    await fn();
    this.ms += now() - t0;
    const c = process.cpuUsage(c0);
    this.clientCpu += (c.user + c.system) / 1000;
    const s1 = await serverCpuMs(this.database);
    this.serverCpu = this.serverCpu === null || s0 === null || s1 === null ? null : this.serverCpu + (s1 - s0);
  }
  result(records: number, transactions: number): VariantTiming {
    return {
      ms: this.ms,
      perSec: (records / this.ms) * 1000,
      clientCpuPerTx: this.clientCpu / transactions,
      serverCpuPerTx: this.serverCpu === null ? null : this.serverCpu / transactions,
    };
  }
}

export async function benchAppend(
  database: Database,
  opts: {
    realLog: string;
    rawLog: string;
    rawOneLog: string;
    batchSize: number;
    records: number;
    rounds: number;
    label: string;
  },
): Promise<AppendResult> {
  const { realLog, rawLog, rawOneLog, batchSize, rounds, label } = opts;
  const txPerRound = Math.max(1, Math.round(opts.records / batchSize / rounds));
  let size = 0;
  let inputCounter = 0;

  // Warm-up (untimed): first use of every log, statement shapes, JIT of the hot paths.
  const warm = Math.min(batchSize * 3, 300);
  for (let i = 0; i < warm; i += batchSize) {
    const n = Math.min(batchSize, warm - i);
    await database.transaction((tx) => appendRecords(tx, realLog, outcomeInputs(inputCounter, n)));
    inputCounter += n;
  }
  for (const b of splitIntoBatches(await readBack(database, realLog, 0, warm, rawLog), 0, batchSize)) {
    await database.transaction((tx) => insertRaw(tx, b));
  }
  for (const b of splitIntoBatches(await readBack(database, realLog, 0, warm, rawOneLog), 0, batchSize)) {
    await database.transaction((tx) => insertRawOne(tx, rawOneLog, b));
  }
  size = warm;

  const real = new Meter(database);
  const rawSame = new Meter(database);
  const rawOne = new Meter(database);
  let records = 0;
  let transactions = 0;
  let envelopeBytes = 0;
  for (let round = 0; round < rounds; round++) {
    const start = size;
    const batches: RecordInput[][] = [];
    for (let t = 0; t < txPerRound; t++) {
      batches.push(outcomeInputs(inputCounter, batchSize));
      inputCounter += batchSize;
    }
    await real.time(async () => {
      for (const inputs of batches) await database.transaction((tx) => appendRecords(tx, realLog, inputs));
    });
    size += txPerRound * batchSize;

    const same = splitIntoBatches(await readBack(database, realLog, start, size, rawLog), start, batchSize);
    const one = splitIntoBatches(await readBack(database, realLog, start, size, rawOneLog), start, batchSize);
    for (const b of same) for (const e of b.envelopes) envelopeBytes += canonicalize(e.envelope).length;
    await rawSame.time(async () => {
      for (const b of same) await database.transaction((tx) => insertRaw(tx, b));
    });
    await rawOne.time(async () => {
      for (const b of one) await database.transaction((tx) => insertRawOne(tx, rawOneLog, b));
    });

    records += txPerRound * batchSize;
    transactions += txPerRound;
    const rate = (m: Meter) => ((records / m.ms) * 1000).toFixed(0);
    progress(
      `  [1] ${label}: round ${round + 1}/${rounds}, ${records} records: appendRecords ${rate(real)}/s, same INSERTs ${rate(rawSame)}/s, one statement ${rate(rawOne)}/s`,
    );
  }
  return {
    batchSize,
    records,
    transactions,
    real: real.result(records, transactions),
    rawSame: rawSame.result(records, transactions),
    rawOne: rawOne.result(records, transactions),
    envelopeBytes: envelopeBytes / records,
  };
}

export interface CpuBreakdown {
  records: number;
  /** Microseconds per record for each step appendRecords runs in process, in its order. */
  steps: { name: string; usPerRecord: number }[];
  totalUsPerRecord: number;
}

/**
 * Where the in-process time of appendRecords goes: the same steps, in the same order, on the same inputs, timed
 * one step at a time over many records (no database). The database share of the figure is what remains.
 * Each step's figure is its best pass, so the sum is a lower bound of the in-process cost.
 */
export function cpuBreakdown(records: number, passes = 3): CpuBreakdown {
  const inputs = outcomeInputs(10_000_000, records);
  const trialId = "TP-2026-0001";
  const timeStep = <T>(fn: (i: number) => T): { out: T[]; us: number } => {
    const out = new Array<T>(records);
    const t0 = now();
    for (let i = 0; i < records; i++) out[i] = fn(i);
    return { out, us: ((now() - t0) * 1000) / records };
  };
  const names = [
    "timestamp (new Date().toISOString())",
    "randomSalt (getRandomValues + hex)",
    "buildEnvelope (zod parse of the envelope)",
    "canonicalize (JSON-model walk + JCS)",
    "leaf hash (UTF-8 + SHA-256)",
    "CompactRange.append (node hashes)",
  ];
  // Best of several passes per step: on a shared machine, other load only ever adds time. The first pass also
  // warms every step up, so JIT compilation is not billed to whichever step runs first.
  const best = names.map(() => Number.POSITIVE_INFINITY);
  for (let pass = 0; pass < passes + 1; pass++) {
    const at = timeStep(() => new Date().toISOString());
    const salt = timeStep(() => randomSalt());
    const built = timeStep((i) => {
      const input = inputs[i]!;
      return buildEnvelope({
        kind: input.kind,
        trial: trialId,
        actor: input.actor,
        subject: input.subject,
        body: input.body as never,
        at: at.out[i]!,
        salt: salt.out[i]!,
      } as Parameters<typeof buildEnvelope>[0]) as Envelope;
    });
    const canonical = timeStep((i) => canonicalize(built.out[i]!));
    const hashed = timeStep((i) => leafHashOfCanonicalBytes(canonical.out[i]!));
    const range = CompactRange.empty();
    const appended = timeStep((i) => range.append(hashed.out[i]!).length);
    if (pass === 0) continue;
    [at, salt, built, canonical, hashed, appended].forEach((step, k) => (best[k] = Math.min(best[k]!, step.us)));
  }
  const steps = names.map((name, k) => ({ name, usPerRecord: best[k]! }));
  return { records, steps, totalUsPerRecord: steps.reduce((s, x) => s + x.usPerRecord, 0) };
}

/** Fills `logId` to `target` leaves through appendRecords, `batchSize` records per transaction. */
export async function fillLog(
  database: Database,
  logId: string,
  target: number,
  batchSize: number,
  label: string,
): Promise<{ ms: number; perSec: number }> {
  const t0 = now();
  let lastReport = t0;
  for (let done = 0; done < target;) {
    const n = Math.min(batchSize, target - done);
    const inputs = outcomeInputs(20_000_000 + done, n);
    await database.transaction((tx) => appendRecords(tx, logId, inputs));
    done += n;
    const t = now();
    if (t - lastReport > 5000 || done === target) {
      lastReport = t;
      const rate = (done / (t - t0)) * 1000;
      const eta = (target - done) / rate;
      progress(
        `  ${label}: ${done.toLocaleString("en-US")}/${target.toLocaleString("en-US")} leaves, ${rate.toFixed(0)} records/s, ETA ${eta.toFixed(0)} s`,
      );
    }
  }
  const ms = now() - t0;
  return { ms, perSec: (target / ms) * 1000 };
}
