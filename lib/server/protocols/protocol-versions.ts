import "server-only";
import { and, asc, desc, eq, ne } from "drizzle-orm";
import type { Address } from "viem";
import { canonicalize, type Hex } from "@/lib/integrity";
import { publicIdHash } from "@/lib/chain/trial-id";
import { storedChainTrialId } from "@/lib/server/log/ensure-log";
import type { Database, Tx } from "@/lib/db/client";
import { protocolDraft, protocolPreparation, protocolVersion } from "@/lib/db/schema";
import { ZProtocolSchema, type PendingSignature, type TProtocol } from "@/lib/schemas/protocol";
import { protocolSummary } from "@/lib/protocols/summary";
import { AppError } from "@/lib/server/errors/app-error";
import { fromZod } from "@/lib/server/errors/from-zod";
import { chainTarget } from "./chain-target";
import type { TrialRow } from "./sponsor-trial-access";
import { protocolUnitProblems } from "./ucum-units";

/** A version in the trial's log: its `protocol.version` record is at `leafIndex`. */
export type VersionRow = typeof protocolVersion.$inferSelect;
/** A version prepared for the sponsor's signature (not in the log until it is confirmed). */
export type PreparationRow = typeof protocolPreparation.$inferSelect;

export async function versionsOf(tx: Tx | Database, trialId: string): Promise<VersionRow[]> {
  return tx.select().from(protocolVersion).where(eq(protocolVersion.trialId, trialId)).orderBy(asc(protocolVersion.version));
}

/** The preparation awaiting the sponsor's signature, if any (at most one per trial, by a unique index). */
export async function pendingPreparationOf(tx: Tx | Database, trialId: string): Promise<PreparationRow | undefined> {
  const [row] = await tx
    .select()
    .from(protocolPreparation)
    .where(and(eq(protocolPreparation.trialId, trialId), eq(protocolPreparation.state, "awaiting_signature")));
  return row;
}

/** Discarded and superseded preparations, newest first: what the sponsor let go of, never in the log. */
export async function closedPreparationsOf(tx: Tx | Database, trialId: string): Promise<PreparationRow[]> {
  return tx
    .select()
    .from(protocolPreparation)
    .where(
      and(eq(protocolPreparation.trialId, trialId), ne(protocolPreparation.state, "awaiting_signature"), ne(protocolPreparation.state, "confirmed")),
    )
    .orderBy(desc(protocolPreparation.createdAt));
}

export async function preparationByHash(tx: Tx | Database, trialId: string, leafHash: string): Promise<PreparationRow | undefined> {
  const [row] = await tx
    .select()
    .from(protocolPreparation)
    .where(and(eq(protocolPreparation.trialId, trialId), eq(protocolPreparation.leafHash, leafHash.toLowerCase())));
  return row;
}

/** The draft, validated strictly (its outcome units against UCUM too): 422 with every offending field path otherwise. */
export async function strictDraftOf(tx: Tx | Database, trialId: string): Promise<TProtocol> {
  const [draft] = await tx.select().from(protocolDraft).where(eq(protocolDraft.trialId, trialId));
  const parsed = ZProtocolSchema.safeParse(draft?.data ?? {});
  if (!parsed.success) throw fromZod(parsed.error, "protocol");
  const units = protocolUnitProblems(parsed.data);
  if (Object.keys(units).length > 0) throw new AppError("UNPROCESSABLE", "Some outcome units are not UCUM unit codes.", units);
  return parsed.data;
}

export const sameProtocol = (a: unknown, b: unknown) => canonicalize(a) === canonicalize(b);

/** The protocol a preparation commits to (the envelope's body, validated when it was built). */
export const preparedProtocolOf = (p: PreparationRow) => p.envelope.body.protocol as TProtocol;
export const preparedReasonOf = (p: PreparationRow): string | null => p.envelope.body.reason ?? null;

/** Whether preparing `protocol` (with `reason`) again would prepare exactly `p`'s content. */
export const preparesSame = (p: PreparationRow, protocol: TProtocol, reason: string | undefined) =>
  sameProtocol(preparedProtocolOf(p), protocol) && (preparedReasonOf(p) ?? undefined) === reason;

/** What the sponsor's wallet signs for a preparation awaiting signature. */
export async function pendingSignatureOf(tx: Tx | Database, trial: TrialRow, p: PreparationRow): Promise<PendingSignature> {
  const target = await chainTarget(tx);
  return {
    version: p.version,
    protocolHash: p.leafHash as Hex,
    // Registration: the contract derives the id from the signing wallet, so it is known once signed.
    publicId: trial.publicId,
    publicIdHash: publicIdHash(trial.publicId),
    chainTrialId: p.version === 1 ? null : await storedChainTrialId(tx, trial.publicId),
    anchorer: target.anchorer.toLowerCase() as Address,
    contract: target.contract,
    chainId: target.chainId,
    functionName: p.version === 1 ? "registerTrial" : "amendProtocol",
    preparedAt: p.createdAt.toISOString(),
    summary: protocolSummary(trial.publicId, p.version, preparedProtocolOf(p), preparedReasonOf(p) ?? undefined),
  };
}
