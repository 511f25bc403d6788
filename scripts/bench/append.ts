/**
 * Figure 1: append throughput through the real use-case path (appendRecords in the caller's transaction) versus
 * inserting the very same log rows, precomputed, with the same batch sizes on the same database.
 *
 * The two are interleaved round by round, so that a change in machine load hits both alike. The baseline rows
 * are the ones appendRecords just wrote (read back, untimed) re-inserted under a second log id: same envelopes,
 * same leaf hashes, same subtree nodes, same number of INSERT statements per transaction (Drizzle's insert
 * builder with the same chunk sizes), but no envelope building, hashing or head lock/update.
 */
import { and, asc, between, eq, gte, lt, sql } from "drizzle-orm";
import {
  buildEnvelope,
  canonicalize,
  CompactRange,
  leafHashOfCanonicalBytes,
  randomSalt,
  type Envelope,
} from "@/lib/integrity";
import type { Database, Tx } from "@/lib/db/open";
import { logEnvelope, logLeaf, logNode } from "@/lib/db/schema";
import { appendRecords, type RecordInput } from "@/lib/server/log/append-records";
import { now, outcomeInputs, progress } from "./support";

type LeafRow = typeof logLeaf.$inferInsert;
type EnvelopeRow = typeof logEnvelope.$inferInsert;
type NodeRow = typeof logNode.$inferInsert;

export interface AppendResult {
  batchSize: number;
  records: number;
  transactions: number;
  realMs: number;
  rawMs: number;
  realPerSec: number;
  rawPerSec: number;
  ratio: number;
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
    .select({ idx: logLeaf.idx, leafHash: logLeaf.leafHash, kind: logLeaf.kind, subject: logLeaf.subject, at: logLeaf.at })
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

export async function benchAppend(
  database: Database,
  opts: { realLog: string; rawLog: string; batchSize: number; records: number; rounds: number; label: string },
): Promise<AppendResult> {
  const { realLog, rawLog, batchSize, rounds, label } = opts;
  const txPerRound = Math.max(1, Math.round(opts.records / batchSize / rounds));
  let size = 0;
  let inputCounter = 0;

  // Warm-up (untimed): first use of both logs, prepared statement shapes, JIT of the hot paths.
  const warm = Math.min(batchSize * 3, 300);
  for (let i = 0; i < warm; i += batchSize) {
    const n = Math.min(batchSize, warm - i);
    await database.transaction((tx) => appendRecords(tx, realLog, outcomeInputs(inputCounter, n)));
    inputCounter += n;
  }
  const warmRows = await readBack(database, realLog, 0, warm, rawLog);
  for (const b of splitIntoBatches(warmRows, 0, batchSize)) await database.transaction((tx) => insertRaw(tx, b));
  size = warm;

  let realMs = 0;
  let rawMs = 0;
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
    let t0 = now();
    for (const inputs of batches) await database.transaction((tx) => appendRecords(tx, realLog, inputs));
    realMs += now() - t0;
    size += txPerRound * batchSize;

    const stored = await readBack(database, realLog, start, size, rawLog);
    for (const e of stored.envelopes) envelopeBytes += canonicalize(e.envelope).length;
    const rawBatches = splitIntoBatches(stored, start, batchSize);
    t0 = now();
    for (const b of rawBatches) await database.transaction((tx) => insertRaw(tx, b));
    rawMs += now() - t0;

    records += txPerRound * batchSize;
    transactions += txPerRound;
    progress(`  [1] ${label}: round ${round + 1}/${rounds}, ${records} records, appendRecords ${((records / realMs) * 1000).toFixed(0)}/s, raw ${((records / rawMs) * 1000).toFixed(0)}/s`);
  }
  const realPerSec = (records / realMs) * 1000;
  const rawPerSec = (records / rawMs) * 1000;
  return {
    batchSize,
    records,
    transactions,
    realMs,
    rawMs,
    realPerSec,
    rawPerSec,
    ratio: realPerSec / rawPerSec,
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
 */
export function cpuBreakdown(records: number): CpuBreakdown {
  const inputs = outcomeInputs(10_000_000, records);
  const trialId = "TP-2026-0001";
  const timeStep = <T>(fn: (i: number) => T): { out: T[]; us: number } => {
    const out = new Array<T>(records);
    const t0 = now();
    for (let i = 0; i < records; i++) out[i] = fn(i);
    return { out, us: ((now() - t0) * 1000) / records };
  };
  // Warm every step up first so that JIT compilation is not billed to whichever step runs first.
  for (let i = 0; i < 2000; i++) {
    const input = inputs[i % records]!;
    const e = buildEnvelope({ ...input, trial: trialId, body: input.body as never, at: new Date().toISOString(), salt: randomSalt() } as Parameters<typeof buildEnvelope>[0]);
    leafHashOfCanonicalBytes(canonicalize(e));
  }
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
  const steps = [
    { name: "timestamp (new Date().toISOString())", usPerRecord: at.us },
    { name: "randomSalt (getRandomValues + hex)", usPerRecord: salt.us },
    { name: "buildEnvelope (zod parse of the envelope)", usPerRecord: built.us },
    { name: "canonicalize (JSON-model walk + JCS)", usPerRecord: canonical.us },
    { name: "leaf hash (UTF-8 + SHA-256)", usPerRecord: hashed.us },
    { name: "CompactRange.append (node hashes)", usPerRecord: appended.us },
  ];
  return { records, steps, totalUsPerRecord: steps.reduce((s, x) => s + x.usPerRecord, 0) };
}

/** Fills `logId` to `target` leaves through appendRecords, `batchSize` records per transaction. */
export async function fillLog(database: Database, logId: string, target: number, batchSize: number, label: string): Promise<{ ms: number; perSec: number }> {
  const t0 = now();
  let lastReport = t0;
  for (let done = 0; done < target; ) {
    const n = Math.min(batchSize, target - done);
    const inputs = outcomeInputs(20_000_000 + done, n);
    await database.transaction((tx) => appendRecords(tx, logId, inputs));
    done += n;
    const t = now();
    if (t - lastReport > 5000 || done === target) {
      lastReport = t;
      const rate = (done / (t - t0)) * 1000;
      const eta = (target - done) / rate;
      progress(`  ${label}: ${done.toLocaleString("en-US")}/${target.toLocaleString("en-US")} leaves, ${rate.toFixed(0)} records/s, ETA ${eta.toFixed(0)} s`);
    }
  }
  const ms = now() - t0;
  return { ms, perSec: (target / ms) * 1000 };
}
