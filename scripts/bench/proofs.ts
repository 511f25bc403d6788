/**
 * Figure 4: latency of inclusionProofFromDb (one query for O(log n) stored subtrees, then assembly) in a large
 * log, versus the same call in a 1,000-leaf log. Calls alternate between the two logs so that load changes hit
 * both alike; indexes come from a seeded PRNG. A sample of the proofs is checked against the log's root.
 */
import { and, eq } from "drizzle-orm";
import { bytesToHex, verifyInclusion } from "@/lib/integrity";
import type { Database } from "@/lib/db/open";
import { log, logLeaf } from "@/lib/db/schema";
import { inclusionProofFromDb, rootAtSizeFromDb } from "@/lib/server/log/read-proofs";
import { now, prng, quantile } from "./support";

export interface LatencyStats {
  size: number;
  samples: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  proofLength: number;
}

export interface ProofResult {
  large: LatencyStats;
  small: LatencyStats;
  checked: number;
}

async function headSize(database: Database, logId: string): Promise<number> {
  const [head] = await database.select({ size: log.size }).from(log).where(eq(log.id, logId));
  if (!head) throw new Error(`no log ${logId}`);
  return head.size;
}

export async function benchProofs(database: Database, opts: { largeLog: string; smallLog: string; samples: number }): Promise<ProofResult> {
  const logs = [opts.largeLog, opts.smallLog] as const;
  const sizes = await Promise.all(logs.map((l) => headSize(database, l)));
  const random = prng(9162);
  const pick = (size: number) => Math.floor(random() * size);
  const timings: number[][] = [[], []];
  const lengths = [0, 0];

  for (let w = 0; w < 50; w++) {
    for (let k = 0; k < 2; k++) await inclusionProofFromDb(database, logs[k]!, pick(sizes[k]!), sizes[k]!);
  }
  for (let s = 0; s < opts.samples; s++) {
    for (let k = 0; k < 2; k++) {
      const index = pick(sizes[k]!);
      const t0 = now();
      const proof = await inclusionProofFromDb(database, logs[k]!, index, sizes[k]!);
      timings[k]!.push(now() - t0);
      lengths[k] = Math.max(lengths[k]!, proof.length);
    }
  }

  // Correctness of a sample (untimed): the proofs verify against the root over the stored subtrees.
  let checked = 0;
  for (let k = 0; k < 2; k++) {
    const root = await rootAtSizeFromDb(database, logs[k]!, sizes[k]!);
    for (let c = 0; c < 20; c++) {
      const index = pick(sizes[k]!);
      const proof = await inclusionProofFromDb(database, logs[k]!, index, sizes[k]!);
      const [leaf] = await database
        .select({ leafHash: logLeaf.leafHash })
        .from(logLeaf)
        .where(and(eq(logLeaf.logId, logs[k]!), eq(logLeaf.idx, index)));
      if (!leaf || !verifyInclusion(bytesToHex(leaf.leafHash), index, sizes[k]!, proof, root)) {
        throw new Error(`inclusion proof of leaf ${index} in ${logs[k]} does not verify`);
      }
      checked++;
    }
  }

  const stats = (k: number): LatencyStats => {
    const sorted = [...timings[k]!].sort((a, b) => a - b);
    return {
      size: sizes[k]!,
      samples: sorted.length,
      p50: quantile(sorted, 0.5),
      p95: quantile(sorted, 0.95),
      p99: quantile(sorted, 0.99),
      max: sorted[sorted.length - 1]!,
      proofLength: lengths[k]!,
    };
  };
  return { large: stats(0), small: stats(1), checked };
}
