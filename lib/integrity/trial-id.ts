/**
 * Trial ids on TrialLedger (docs/ledger.md#trial-ids). The contract derives a trial's `bytes32` id ("chainTrialId")
 * from the account that registers it and the hash of the public trial id (e.g. "TP-2026-0001"):
 *
 *     publicIdHash = keccak256(UTF-8 bytes of publicTrialId)
 *     chainTrialId = keccak256(abi.encode(sponsor, publicIdHash))          // TrialLedger.trialIdOf
 *
 * Binding the sponsor is what makes an id impossible to take: whoever registers a public id first, or copies a
 * sponsor's pending transaction, registers their own id, never the sponsor's. Receipt and bundle verifiers recompute
 * the id from the sponsor and public id they name, so a receipt cannot borrow another sponsor's registration.
 *
 * No prefix, suffix, trimming or Unicode normalisation is applied to the public id: the exact string is hashed.
 * Results are 0x-prefixed lowercase hex (32 bytes).
 */
import { keccak_256 } from "@noble/hashes/sha3.js";
import { bytesToHex, hexToBytes, type Hex } from "./hex";

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

export function publicIdHash(publicTrialId: string): Hex {
  if (publicTrialId.length === 0) throw new Error("public trial id must not be empty");
  return bytesToHex(keccak_256(new TextEncoder().encode(publicTrialId)));
}

/** The chain trial id `sponsor` (a 0x address, any letter case) gets by registering `publicTrialId`. */
export function chainTrialId(sponsor: string, publicTrialId: string): Hex {
  if (!ADDRESS.test(sponsor)) throw new Error(`sponsor ${sponsor} is not an address`);
  // abi.encode(address, bytes32): the address left-padded to 32 bytes, then the hash.
  const encoded = new Uint8Array(64);
  encoded.set(hexToBytes(sponsor.toLowerCase()), 12);
  encoded.set(hexToBytes(publicIdHash(publicTrialId)), 32);
  return bytesToHex(keccak_256(encoded));
}
