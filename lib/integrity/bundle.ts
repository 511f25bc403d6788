/**
 * The audit bundle (docs/bundles.md#format): everything a third party needs to verify one trial's log without portal
 * access, except the chain checkpoint, which the verifier reads from TrialLedger itself.
 *
 *   { format: "trialproof.audit-bundle/2",
 *     chain: { chainId, contract }, trial: { publicId, sponsor, chainTrialId },
 *     checkpoint: { treeSize, rootHash, txHash?, blockNumber? },
 *     leaves: [{ index, leafHash, kind, envelope | null }] }        // null = redacted (docs/privacy.md#erasure)
 *
 * The schema checks *structure* only. Tampered content (duplicate indices, gaps, wrong order, envelopes that no
 * longer hash to their leaf, envelopes of unknown kinds) must still parse, because reporting those is the
 * verifier's job (verify-bundle.ts). Envelopes are therefore accepted as any JSON object here.
 *
 * Format /1 named a trial id that anyone could have registered first; it is refused with a message saying so.
 */
import { z } from "zod";
import { canonicalize } from "./canonical";
import type { Envelope } from "./envelope";
import { leafHash } from "./hash";
import type { Hex } from "./hex";
import { toIssues, type ParseResult } from "./issues";
import { hash32, leafIndex, trialRef } from "./kinds/common";

export const BUNDLE_FORMAT = "trialproof.audit-bundle/2";
const OLD_FORMATS: Record<string, string> = {
  "trialproof.audit-bundle/1":
    "format trialproof.audit-bundle/1 is no longer accepted: its trial id did not name the sponsor that registered it, so anyone could have registered it first. Export the bundle again (format trialproof.audit-bundle/2, docs/bundles.md#format).",
};

/** Contract address; EIP-55 mixed case is accepted here because explorers and wallets print it that way. */
const contractAddress = z.string().regex(/^0x[0-9a-fA-F]{40}$/, "expected a 0x contract address");

export const bundleLeafSchema = z.strictObject({
  index: leafIndex,
  leafHash: hash32,
  kind: z.string().min(1).max(64),
  envelope: z.record(z.string(), z.unknown()).nullable(),
});

export const checkpointSchema = z.strictObject({
  treeSize: leafIndex,
  rootHash: hash32,
  txHash: hash32.optional(),
  blockNumber: z.int().min(0).optional(),
});

export const auditBundleSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  chain: z.strictObject({ chainId: z.int().min(1), contract: contractAddress }),
  trial: z.strictObject({ publicId: trialRef, sponsor: contractAddress, chainTrialId: hash32 }),
  checkpoint: checkpointSchema,
  leaves: z.array(bundleLeafSchema),
});

export type BundleLeaf = Omit<z.output<typeof bundleLeafSchema>, "leafHash"> & { leafHash: Hex };
export type BundleCheckpoint = Omit<z.output<typeof checkpointSchema>, "rootHash" | "txHash"> & {
  rootHash: Hex;
  txHash?: Hex;
};
export interface AuditBundle {
  format: typeof BUNDLE_FORMAT;
  chain: { chainId: number; contract: Hex };
  trial: { publicId: string; sponsor: Hex; chainTrialId: Hex };
  checkpoint: BundleCheckpoint;
  leaves: BundleLeaf[];
}

/** Validates the structure of an audit bundle without throwing. */
const notOldFormat = z.unknown().superRefine((v, ctx) => {
  const format = v && typeof v === "object" && "format" in v ? String(v.format) : "";
  if (OLD_FORMATS[format]) ctx.addIssue({ code: "custom", path: ["format"], message: OLD_FORMATS[format] });
});

export function parseAuditBundle(value: unknown): ParseResult<AuditBundle> {
  const old = notOldFormat.safeParse(value);
  if (!old.success) return { ok: false, issues: toIssues(old.error), error: old.error };
  const result = auditBundleSchema.safeParse(value);
  return result.success ? { ok: true, value: result.data as AuditBundle } : { ok: false, issues: toIssues(result.error), error: result.error };
}

/** The bundle entry for a stored record; pass `null` as envelope for an erased (redacted) record. */
export function bundleLeaf(index: number, envelope: Envelope, storedLeafHash?: Hex): BundleLeaf;
export function bundleLeaf(index: number, envelope: null, storedLeafHash: Hex, kind: string): BundleLeaf;
export function bundleLeaf(index: number, envelope: Envelope | null, storedLeafHash?: Hex, kind?: string): BundleLeaf {
  if (envelope === null) {
    if (storedLeafHash === undefined || kind === undefined) throw new TypeError("a redacted leaf needs its stored leaf hash and kind");
    return { index, leafHash: storedLeafHash, kind, envelope: null };
  }
  // The stored hash, when given, is what the log committed to; exporting it (rather than recomputing) lets the
  // verifier detect a stored envelope that was changed after the fact.
  const hash = storedLeafHash ?? leafHash(canonicalize(envelope));
  return { index, leafHash: hash, kind: envelope.kind, envelope: envelope as unknown as Record<string, unknown> };
}
