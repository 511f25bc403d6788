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
import { log, logEnvelope, logLeaf, logNode } from "@/lib/db/schema";
import type { Database, Tx } from "@/lib/db/client";
import { ensureLog } from "./ensure-log";

export interface RecordInput {
  kind: RecordKind;
  actor: Actor;
  subject?: string;
  body: unknown;
  /** Defaults to now; always UTC with milliseconds. */
  at?: string;
}

export interface AppendedRecord {
  logId: string;
  index: number;
  leafHash: Hex;
  envelope: Envelope;
}

/**
 * Appends records to one log inside the caller's transaction, so the records and the domain change they
 * describe are stored together or not at all.
 *
 * The log head row is locked (SELECT … FOR UPDATE) for the rest of the transaction: appends to one log are
 * serialized across connections, processes and app instances, and indexes are dense (no gaps, no duplicates).
 * Every perfect subtree completed by an append is stored, so proofs later cost O(log n) lookups.
 */
export async function appendRecords(tx: Tx | Database, logId: string, inputs: readonly RecordInput[]): Promise<AppendedRecord[]> {
  if (inputs.length === 0) return [];
  await ensureLog(tx, logId);
  const [head] = await tx
    .select({ size: log.size, frontier: log.frontier })
    .from(log)
    .where(eq(log.id, logId))
    .for("update");
  if (!head) throw new Error(`log ${logId} vanished while appending`);

  const range = CompactRange.fromSubtrees(head.size, head.frontier.map((h) => hexToBytes(h, 32)));
  const leaves: (typeof logLeaf.$inferInsert)[] = [];
  const envelopes: (typeof logEnvelope.$inferInsert)[] = [];
  const nodes: (typeof logNode.$inferInsert)[] = [];
  const appended: AppendedRecord[] = [];

  for (const input of inputs) {
    const envelope = buildEnvelope({
      kind: input.kind,
      trial: logId,
      actor: input.actor,
      subject: input.subject,
      body: input.body as never,
      at: input.at ?? new Date().toISOString(),
      salt: randomSalt(),
    } as Parameters<typeof buildEnvelope>[0]) as Envelope;
    const leaf = leafHashOfCanonicalBytes(canonicalize(envelope));
    const index = range.size;
    for (const node of range.append(leaf)) {
      nodes.push({ logId, level: node.level, idx: node.start / 2 ** node.level, hash: node.hash });
    }
    leaves.push({ logId, idx: index, leafHash: leaf, kind: envelope.kind, subject: envelope.subject ?? null, at: new Date(envelope.at) });
    envelopes.push({ logId, idx: index, envelope: envelope as unknown as Record<string, unknown> });
    appended.push({ logId, index, leafHash: bytesToHex(leaf), envelope });
  }

  // Multi-row inserts in chunks keep one round trip per few hundred rows (bind-parameter limit 65535).
  for (let i = 0; i < leaves.length; i += 2000) await tx.insert(logLeaf).values(leaves.slice(i, i + 2000));
  for (let i = 0; i < envelopes.length; i += 5000) await tx.insert(logEnvelope).values(envelopes.slice(i, i + 5000));
  for (let i = 0; i < nodes.length; i += 5000) await tx.insert(logNode).values(nodes.slice(i, i + 5000));
  await tx
    .update(log)
    .set({
      size: range.size,
      rootHash: range.root(),
      frontier: range.subtrees().map((h) => bytesToHex(h)),
      updatedAt: sql`now()`,
    })
    .where(eq(log.id, logId));
  return appended;
}

export async function appendRecord(tx: Tx | Database, logId: string, input: RecordInput): Promise<AppendedRecord> {
  const [record] = await appendRecords(tx, logId, [input]);
  return record!;
}
