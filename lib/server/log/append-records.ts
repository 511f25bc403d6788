import "server-only";
import { eq, sql } from "drizzle-orm";
import {
  buildEnvelope,
  bytesToHex,
  canonicalize,
  CompactRange,
  hexToBytes,
  leafHashOfCanonicalBytes,
  randomSalt,
  type Actor,
  type Envelope,
  type Hex,
  type RecordKind,
} from "@/lib/integrity";
import { log } from "@/lib/db/schema";
import type { Database, Tx } from "@/lib/db/client";
import { ensureLog } from "./ensure-log";

export interface RecordInput {
  kind: RecordKind;
  actor: Actor;
  subject?: string;
  body: unknown;
  /** Defaults to now; always UTC with milliseconds. */
  at?: string;
  /**
   * Defaults to a fresh random salt. Given (with `at` and `actor`) only to append an envelope built earlier exactly
   * as it was built: a protocol version is hashed when it is prepared, signed on chain, and appended afterwards.
   */
  salt?: string;
}

export interface AppendedRecord {
  logId: string;
  index: number;
  leafHash: Hex;
  envelope: Envelope;
}

async function lockHead(tx: Tx | Database, logId: string) {
  const [head] = await tx.select({ size: log.size, frontier: log.frontier }).from(log).where(eq(log.id, logId)).for("update");
  return head;
}

/** Lowercase hex without the 0x prefix, as PostgreSQL's decode(…, 'hex') reads it. */
const plainHex = (bytes: Uint8Array) => bytesToHex(bytes).slice(2);

/**
 * Appends records to one log inside the caller's transaction, so the records and the domain change they
 * describe are stored together or not at all.
 *
 * The log head row is locked (SELECT … FOR UPDATE) for the rest of the transaction: appends to one log are
 * serialized across connections, processes and app instances, and indexes are dense (no gaps, no duplicates).
 * Every perfect subtree completed by an append is stored, so proofs later cost O(log n) lookups.
 *
 * Two statements per call whatever the number of records: the head lock, then one statement that inserts the
 * leaves, envelopes and subtree nodes (sent as two JSON parameters and unpacked by json_to_recordset) and
 * moves the head. Its text does not depend on the batch size, and there are no per-value bind parameters.
 */
export async function appendRecords(tx: Tx | Database, logId: string, inputs: readonly RecordInput[]): Promise<AppendedRecord[]> {
  if (inputs.length === 0) return [];
  let head = await lockHead(tx, logId);
  if (!head) {
    await ensureLog(tx, logId);
    head = await lockHead(tx, logId);
  }
  if (!head) throw new Error(`log ${logId} vanished while appending`);

  const range = CompactRange.fromSubtrees(
    head.size,
    head.frontier.map((h) => hexToBytes(h, 32)),
  );
  const leaves: string[] = [];
  const nodes: string[] = [];
  const appended: AppendedRecord[] = [];

  for (const input of inputs) {
    const envelope = buildEnvelope({
      kind: input.kind,
      trial: logId,
      actor: input.actor,
      subject: input.subject,
      body: input.body as never,
      at: input.at ?? new Date().toISOString(),
      salt: input.salt ?? randomSalt(),
    } as Parameters<typeof buildEnvelope>[0]) as Envelope;
    const canonical = canonicalize(envelope);
    const leaf = leafHashOfCanonicalBytes(canonical);
    const index = range.size;
    for (const node of range.append(leaf)) {
      nodes.push(`{"l":${node.level},"i":${node.start / 2 ** node.level},"h":"${plainHex(node.hash)}"}`);
    }
    // The canonical text is JSON: it is embedded as the envelope itself, the database stores it as jsonb.
    leaves.push(
      `{"i":${index},"h":"${plainHex(leaf)}","k":${JSON.stringify(envelope.kind)},"s":${JSON.stringify(envelope.subject ?? null)},"a":${JSON.stringify(envelope.at)},"e":${canonical}}`,
    );
    appended.push({ logId, index, leafHash: bytesToHex(leaf), envelope });
  }

  await tx.execute(sql`
    with r as (
      select * from json_to_recordset(${`[${leaves.join(",")}]`}::json) as r(i bigint, h text, k text, s text, a timestamptz, e jsonb)
    ), l as (
      insert into log_leaf (log_id, idx, leaf_hash, kind, subject, at) select ${logId}, i, decode(h, 'hex'), k, s, a from r
    ), e as (
      insert into log_envelope (log_id, idx, envelope) select ${logId}, i, e from r
    ), n as (
      insert into log_node (log_id, level, idx, hash)
      select ${logId}, l, i, decode(h, 'hex') from json_to_recordset(${`[${nodes.join(",")}]`}::json) as n(l smallint, i bigint, h text)
    )
    update log
       set size = ${range.size}, root_hash = decode(${plainHex(range.root())}, 'hex'),
           frontier = ${JSON.stringify(range.subtrees().map((h) => bytesToHex(h)))}::jsonb, updated_at = now()
     where id = ${logId}`);
  return appended;
}

export async function appendRecord(tx: Tx | Database, logId: string, input: RecordInput): Promise<AppendedRecord> {
  const [record] = await appendRecords(tx, logId, [input]);
  return record!;
}
