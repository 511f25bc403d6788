/**
 * Per-record verdicts of a log verification. The list and which verdicts fail are lib/integrity's (the verifier
 * decides them); this file adds what people read.
 */
import { z } from "zod";
import { FAILING_VERDICTS, VERDICTS, type Verdict } from "../integrity/verify-bundle";
import type { Tone } from "./tone";

export { VERDICTS, FAILING_VERDICTS, type Verdict };
export const ZVerdict = z.enum(VERDICTS);

export const VERDICT_LABEL: Record<Verdict, string> = {
  ok: "Verified",
  modified: "Modified",
  missing: "Missing",
  inserted: "Inserted",
  reordered: "Reordered",
  unanchored: "Not anchored yet",
  redacted: "Erased (hash kept)",
  unverified: "Unverified",
};

/** Failing verdicts are bad; the others say something without failing the log. */
export const VERDICT_TONE: Record<Verdict, Tone> = Object.fromEntries(
  VERDICTS.map((v) => [v, FAILING_VERDICTS.has(v) ? "bad" : v === "ok" ? "good" : v === "unanchored" ? "warn" : "info"]),
) as Record<Verdict, Tone>;
