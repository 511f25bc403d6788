import { keccak256, toBytes, type Hex } from "viem";

/**
 * The `bytes32` trial id used by the TrialLedger contract ("chainTrialId"), derived from the public trial id
 * (e.g. "TP-2026-0001"):
 *
 *     chainTrialId = keccak256(UTF-8 bytes of publicTrialId)
 *
 * No prefix, suffix, trimming or Unicode normalisation is applied: the exact string is hashed, so callers must
 * pass the public id exactly as published. Equivalent in Solidity: `keccak256(bytes(publicTrialId))`.
 * Returned as 0x-prefixed lowercase hex (32 bytes).
 */
export function chainTrialId(publicTrialId: string): Hex {
  if (publicTrialId.length === 0) throw new Error("public trial id must not be empty");
  return keccak256(toBytes(publicTrialId));
}
