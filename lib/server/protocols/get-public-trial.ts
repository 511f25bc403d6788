import "server-only";
import { storedChainTrialId } from "@/lib/server/log/ensure-log";
import { and, asc, eq, inArray, isNotNull } from "drizzle-orm";
import { isAddress } from "viem";
import { db } from "@/lib/db/client";
import type { Database } from "@/lib/db/client";
import { logEnvelope, protocolVersion, trial } from "@/lib/db/schema";
import { canonicalize } from "@/lib/integrity";
import { readChainBinding } from "@/lib/runtime/chain-binding";
import { anchorStatusOf } from "@/lib/server/anchoring/anchor-status-of";
import { inclusionProofFromDb } from "@/lib/server/log/read-proofs";
import { notFound } from "@/lib/server/errors/app-error";

/** A registered trial and its confirmed versions; drafts and unregistered trials are 404. */
export async function registeredTrialByPublicId(database: Database, publicId: string) {
  const [row] = await database
    .select()
    .from(trial)
    .where(and(eq(trial.publicId, publicId), isNotNull(trial.registeredAt)));
  if (!row) throw notFound("Registered trial");
  const versions = await database
    .select()
    .from(protocolVersion)
    .where(and(eq(protocolVersion.trialId, row.id), eq(protocolVersion.chainState, "confirmed")))
    .orderBy(asc(protocolVersion.version));
  if (versions.length === 0) throw notFound("Registered trial");
  return { row, versions };
}

/**
 * The public page of a registered trial: every confirmed version with its chain data and anchoring status.
 *
 * Each version's protocol is read from its `protocol.version` record in the log (what the sponsor committed to and
 * what the browser verifies), not from the protocol_version copy, so the page cannot show one text and verify
 * another; `matchesStoredCopy` says whether the copy still equals the record.
 */
export async function getPublicTrial(publicId: string) {
  const database = await db();
  const { row, versions: rows } = await registeredTrialByPublicId(database, publicId);
  const binding = await readChainBinding(database);
  const envelopes = await database
    .select()
    .from(logEnvelope)
    .where(
      and(
        eq(logEnvelope.logId, row.publicId),
        inArray(
          logEnvelope.idx,
          rows.map((v) => v.leafIndex),
        ),
      ),
    );
  const byIndex = new Map(envelopes.map((e) => [e.idx, e.envelope]));
  const versions = rows.map((v) => {
    const body = (byIndex.get(v.leafIndex) as { body?: { protocol?: unknown } } | undefined)?.body;
    const recorded = body && typeof body.protocol === "object" && body.protocol !== null ? (body.protocol as Record<string, unknown>) : null;
    return {
      ...v,
      protocol: recorded ?? v.protocol,
      matchesStoredCopy: recorded !== null && canonicalize(recorded) === canonicalize(v.protocol),
    };
  });
  const current = versions.at(-1)!;
  // The registering transaction's sender (stored as read from the chain); typed as an address for the verifier.
  const sender = versions[0]!.sender;
  return {
    trial: {
      publicId: row.publicId,
      title: row.title,
      status: row.status,
      phase: row.phase,
      conditions: row.conditions,
      interventions: row.interventions,
      countries: row.countries ?? [],
      sponsor: row.sponsorName,
      registeredAt: row.registeredAt!.toISOString(),
      currentVersion: current.version,
    },
    current: { version: current.version, protocol: current.protocol },
    versions: await Promise.all(
      versions.map(async (v) => {
        const anchoring = await anchorStatusOf(database, row.publicId, v.leafIndex);
        return {
          version: v.version,
          reason: v.reason,
          protocol: v.protocol,
          leafIndex: v.leafIndex,
          leafHash: v.leafHash,
          txHash: v.txHash,
          blockNumber: v.blockNumber,
          blockTimestamp: v.blockTimestamp?.toISOString() ?? null,
          chainState: v.chainState,
          matchesStoredCopy: v.matchesStoredCopy,
          anchoring,
          // What Verify checks against the chain (lib/chain/verify-public-trial.ts): the record exactly as stored and,
          // once anchored, the proof that it is in the anchored tree. Never checked here: the verifier trusts neither.
          envelope: byIndex.get(v.leafIndex) ?? null,
          inclusionProof: anchoring.state === "anchored" ? await inclusionProofFromDb(database, row.publicId, v.leafIndex, anchoring.treeSize) : null,
        };
      }),
    ),
    chain: {
      chainId: binding?.chainId ?? null,
      contract: binding?.ledgerAddress ?? null,
      chainTrialId: await storedChainTrialId(database, row.publicId),
      sponsor: sender && isAddress(sender, { strict: false }) ? sender : null,
    },
  };
}
