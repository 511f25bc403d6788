import "server-only";
import { and, asc, desc, eq } from "drizzle-orm";
import type { Address } from "viem";
import { canonicalize, type Hex } from "@/lib/integrity";
import { chainTrialId } from "@/lib/chain/trial-id";
import type { Database, Tx } from "@/lib/db/client";
import { protocolDraft, protocolVersion } from "@/lib/db/schema";
import { ZProtocolSchema, type PendingSignature, type TProtocol } from "@/lib/schemas/protocol";
import { protocolSummary } from "@/lib/protocols/summary";
import type { Viewer } from "@/lib/server/auth/viewer";
import { AppError } from "@/lib/server/errors/app-error";
import { fromZod } from "@/lib/server/errors/from-zod";
import { appendRecord } from "@/lib/server/log/append-records";
import { chainTarget } from "./chain-target";
import { sponsorActor, type TrialRow } from "./sponsor-trial-access";

export type VersionRow = typeof protocolVersion.$inferSelect;

export async function versionsOf(tx: Tx | Database, trialId: string): Promise<VersionRow[]> {
  return tx.select().from(protocolVersion).where(eq(protocolVersion.trialId, trialId)).orderBy(asc(protocolVersion.version));
}

export async function pendingVersionOf(tx: Tx | Database, trialId: string): Promise<VersionRow | undefined> {
  const [row] = await tx
    .select()
    .from(protocolVersion)
    .where(and(eq(protocolVersion.trialId, trialId), eq(protocolVersion.chainState, "awaiting_signature")))
    .orderBy(desc(protocolVersion.version))
    .limit(1);
  return row;
}

/** The draft, validated strictly: 422 with every offending field path otherwise. */
export async function strictDraftOf(tx: Tx | Database, trialId: string): Promise<TProtocol> {
  const [draft] = await tx.select().from(protocolDraft).where(eq(protocolDraft.trialId, trialId));
  const parsed = ZProtocolSchema.safeParse(draft?.data ?? {});
  if (!parsed.success) throw fromZod(parsed.error, "protocol");
  return parsed.data;
}

export const sameProtocol = (a: unknown, b: unknown) => canonicalize(a) === canonicalize(b);

/** What the sponsor's wallet signs for a version awaiting signature. */
export async function pendingSignatureOf(tx: Tx | Database, trial: TrialRow, row: VersionRow): Promise<PendingSignature> {
  const target = await chainTarget(tx);
  return {
    version: row.version,
    protocolHash: row.leafHash as Hex,
    chainTrialId: chainTrialId(trial.publicId),
    anchorer: target.anchorer.toLowerCase() as Address,
    contract: target.contract,
    chainId: target.chainId,
    functionName: row.version === 1 ? "registerTrial" : "amendProtocol",
    leafIndex: row.leafIndex,
    summary: protocolSummary(trial.publicId, row.version, row.protocol as TProtocol, row.reason ?? undefined),
  };
}

/**
 * Appends the `protocol.version` record and stores its version row (awaiting the sponsor's signature), inside the
 * caller's transaction: both or neither.
 */
export async function appendProtocolVersion(
  tx: Tx,
  viewer: Viewer,
  trial: TrialRow,
  version: number,
  protocol: TProtocol,
  reason?: string,
): Promise<VersionRow> {
  const body = reason === undefined ? { version, protocol } : { version, protocol, reason };
  const record = await appendRecord(tx, trial.publicId, { kind: "protocol.version", actor: sponsorActor(viewer), body });
  const [row] = await tx
    .insert(protocolVersion)
    .values({
      trialId: trial.id,
      version,
      protocol: protocol as Record<string, unknown>,
      reason: reason ?? null,
      leafIndex: record.index,
      leafHash: record.leafHash,
      createdBy: viewer.userId,
      chainState: "awaiting_signature",
    })
    .returning();
  if (!row) throw new AppError("CONFLICT", "Could not store the protocol version.");
  return row;
}
