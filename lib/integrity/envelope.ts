/**
 * The record envelope (docs/records.md#envelope) and its leaf hash (docs/log.md#leaf-hash).
 *
 *   { v: 1, kind, trial, at, actor: {role, id, wallet?}, subject?, body, salt }
 *
 * The schema is strict at every level (unknown keys are errors) and contains no transforms: a parsed envelope is
 * the same JSON value that was hashed, so validating and hashing can happen in either order. `kind` is
 * discriminated over the closed catalogue in kinds/index.ts; an unknown kind is rejected at path "kind".
 *
 * The 32-byte salt (docs/privacy.md#salts) makes a leaf hash unguessable even when the body is low-entropy (a blood
 * pressure). It must come from a CSPRNG; randomSalt() uses WebCrypto's getRandomValues, present in browsers and Node
 * >= 19.
 */
import { z } from "zod";
import { canonicalize } from "./canonical";
import { leafHash } from "./hash";
import type { Hex } from "./hex";
import { toIssues, type Issue, type ParseResult } from "./issues";
import { KIND_CATALOGUE, RECORD_KINDS, type BodyOf, type RecordKind } from "./kinds/index";
import { actorRole, entityId, participantId, trialRef, utcTimestamp, walletAddress } from "./kinds/common";

export const ENVELOPE_VERSION = 1;

export const SALT_PATTERN = /^[0-9a-f]{64}$/;
export const salt = z.string().regex(SALT_PATTERN, "expected 64 lowercase hex characters (32 random bytes)");

export const actorSchema = z.strictObject({
  role: actorRole,
  id: entityId,
  wallet: walletAddress.optional(),
});
export type Actor = z.output<typeof actorSchema>;

/** The envelope of one kind. */
export interface EnvelopeOf<K extends RecordKind> {
  v: 1;
  kind: K;
  trial: string;
  at: string;
  actor: Actor;
  subject?: string;
  body: BodyOf<K>;
  salt: string;
}

/** Any envelope: a union discriminated on `kind`, so narrowing on kind narrows the body. */
export type Envelope = { [K in RecordKind]: EnvelopeOf<K> }[RecordKind];

function memberSchema(kind: RecordKind) {
  const entry = KIND_CATALOGUE[kind];
  const shape = z.strictObject({
    v: z.literal(ENVELOPE_VERSION),
    kind: z.literal(kind),
    trial: trialRef,
    at: utcTimestamp,
    actor: actorSchema,
    subject: participantId.optional(),
    body: entry.body as z.ZodType,
    salt,
  });
  if (entry.subject !== "required") return shape;
  return shape.refine((e) => e.subject !== undefined, {
    message: `${kind} records must name their participant (subject)`,
    path: ["subject"],
  });
}

type AnyMember = ReturnType<typeof memberSchema>;

/** zod schema of an envelope. Parsing yields `Envelope`. */
export const envelopeSchema = z.discriminatedUnion(
  "kind",
  RECORD_KINDS.map(memberSchema) as unknown as [AnyMember, ...AnyMember[]],
) as unknown as z.ZodType<Envelope>;

/** Validates an unknown value as an envelope without throwing. */
export function parseEnvelope(value: unknown): ParseResult<Envelope> {
  const result = envelopeSchema.safeParse(value);
  return result.success ? { ok: true, value: result.data } : { ok: false, issues: toIssues(result.error), error: result.error };
}

export class EnvelopeError extends Error {
  override name = "EnvelopeError";
  readonly issues: readonly Issue[];
  constructor(issues: readonly Issue[]) {
    super(`invalid record envelope: ${issues.map((i) => `${i.path || "(root)"}: ${i.message}`).join("; ")}`);
    this.issues = issues;
  }
}

export interface BuildEnvelopeInput<K extends RecordKind> {
  kind: K;
  trial: string;
  actor: Actor;
  subject?: string;
  body: BodyOf<K>;
  /** Defaults to now. Must be UTC with milliseconds and Z; Date#toISOString() produces exactly that. */
  at?: string;
  /** 64 lowercase hex characters from a CSPRNG; use randomSalt(). */
  salt: string;
}

/**
 * Builds and validates an envelope; throws EnvelopeError listing every problem. The only normalisation is
 * lowercasing the actor's wallet address (wallets hand out EIP-55 mixed case; the log stores one spelling).
 */
export function buildEnvelope<K extends RecordKind>(input: BuildEnvelopeInput<K>): EnvelopeOf<K> {
  const actor: Actor = { role: input.actor.role, id: input.actor.id };
  if (input.actor.wallet !== undefined) {
    actor.wallet = typeof input.actor.wallet === "string" ? input.actor.wallet.toLowerCase() : input.actor.wallet;
  }
  const candidate: Record<string, unknown> = {
    v: ENVELOPE_VERSION,
    kind: input.kind,
    trial: input.trial,
    at: input.at ?? new Date().toISOString(),
    actor,
    body: input.body,
    salt: input.salt,
  };
  if (input.subject !== undefined) candidate.subject = input.subject;
  const parsed = parseEnvelope(candidate);
  if (!parsed.ok) throw new EnvelopeError(parsed.issues);
  return parsed.value as EnvelopeOf<K>;
}

/** 32 bytes from the platform CSPRNG as 64 lowercase hex characters. */
export function randomSalt(): string {
  const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto;
  if (typeof c?.getRandomValues !== "function") throw new Error("no CSPRNG available (globalThis.crypto.getRandomValues)");
  const bytes = c.getRandomValues(new Uint8Array(32));
  let out = "";
  for (const b of bytes) out += b.toString(16).padStart(2, "0");
  return out;
}

/** The leaf hash of an envelope: SHA-256(0x00 ‖ JCS(envelope)). */
export function envelopeLeafHash<K extends RecordKind>(envelope: EnvelopeOf<K>): Hex {
  return leafHash(canonicalize(envelope));
}

/** Canonical bytes (as a string) of an envelope, e.g. to store alongside its leaf hash or show in a UI. */
export function canonicalEnvelope<K extends RecordKind>(envelope: EnvelopeOf<K>): string {
  return canonicalize(envelope);
}
