import "server-only";
import { and, eq, or } from "drizzle-orm";
import {
  assembleProof,
  compactRangeNodes,
  consistencyProofPlan,
  EMPTY_ROOT,
  inclusionProofPlan,
  perfectRangeId,
  planRanges,
  rootFromSubtrees,
  type Hex,
  type PerfectRange,
} from "@/lib/integrity";
import { logNode } from "@/lib/db/schema";
import type { Database, Tx } from "@/lib/db/client";

/**
 * Proofs and roots from the stored perfect subtrees: O(log n) rows in one query, never a rehash of the log.
 */
async function fetchSubtrees(db: Tx | Database, logId: string, ranges: readonly PerfectRange[]) {
  const found = new Map<string, Uint8Array>();
  if (ranges.length === 0) return found;
  const ids = ranges.map(perfectRangeId);
  const rows = await db
    .select({ level: logNode.level, idx: logNode.idx, hash: logNode.hash })
    .from(logNode)
    .where(and(eq(logNode.logId, logId), or(...ids.map((id) => and(eq(logNode.level, id.level), eq(logNode.idx, id.index))))));
  for (const row of rows) {
    const start = row.idx * 2 ** row.level;
    found.set(`${start}:${start + 2 ** row.level}`, row.hash);
  }
  for (const r of ranges) {
    if (!found.has(`${r.start}:${r.end}`)) throw new Error(`log ${logId} is missing subtree [${r.start}, ${r.end})`);
  }
  return found;
}

export async function inclusionProofFromDb(db: Tx | Database, logId: string, index: number, treeSize: number): Promise<Hex[]> {
  const plan = inclusionProofPlan(index, treeSize);
  const subtrees = await fetchSubtrees(db, logId, planRanges(plan));
  return assembleProof(plan, (s, e) => subtrees.get(`${s}:${e}`));
}

export async function consistencyProofFromDb(db: Tx | Database, logId: string, size1: number, size2: number): Promise<Hex[]> {
  if (size1 === 0 || size1 === size2) return [];
  const plan = consistencyProofPlan(size1, size2);
  const subtrees = await fetchSubtrees(db, logId, planRanges(plan));
  return assembleProof(plan, (s, e) => subtrees.get(`${s}:${e}`));
}

export async function rootAtSizeFromDb(db: Tx | Database, logId: string, treeSize: number): Promise<Hex> {
  if (treeSize === 0) return EMPTY_ROOT;
  const subtrees = await fetchSubtrees(db, logId, compactRangeNodes(0, treeSize));
  return rootFromSubtrees(treeSize, (s, e) => subtrees.get(`${s}:${e}`));
}
