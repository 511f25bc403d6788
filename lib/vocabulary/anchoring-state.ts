/**
 * Whether a record's log is checkpointed on chain past the record (docs/anchoring.md#awaiting-anchor). Records are anchored in batches,
 * so a fresh record is "awaiting_anchor" until a checkpoint covering it is confirmed. "mismatch" is what the
 * record page reports when the stored log no longer proves against its anchored checkpoint.
 */
import { z } from "zod";
import type { Tone } from "./tone";

export const ANCHORING_STATES = ["anchored", "awaiting_anchor", "mismatch"] as const;
export type AnchoringState = (typeof ANCHORING_STATES)[number];
export const ZAnchoringState = z.enum(ANCHORING_STATES);

export const ANCHORING_STATE_LABEL: Record<AnchoringState, string> = {
  anchored: "Anchored",
  awaiting_anchor: "Awaiting anchor",
  mismatch: "Does not match its checkpoint",
};
export const ANCHORING_STATE_TONE: Record<AnchoringState, Tone> = {
  anchored: "good",
  awaiting_anchor: "warn",
  mismatch: "bad",
};
