/**
 * Protocol records. `protocol.version` is what the sponsor's own chain transaction commits to: its leaf hash is
 * the `protocolHash` of registerTrial / amendProtocol (docs/ledger.md#protocol-versions).
 */
import { z } from "zod";
import { hash32, jsonObject, reason } from "./common";
import { PROTOCOL_STATUSES, PROTOCOL_STATUSES_NEEDING_REASON } from "./protocol-status";

export { PROTOCOL_STATUSES, PROTOCOL_STATUSES_NEEDING_REASON };

/**
 * A protocol version. `protocol` is the protocol document as a JSON object; its detailed schema belongs to the
 * protocol form and is deliberately open here. Version 1 registers the trial; every later version is an
 * amendment and must say why (docs/ledger.md#protocol-versions).
 */
export const protocolVersionBody = z
  .strictObject({
    version: z.int().min(1),
    protocol: jsonObject,
    reason: reason.optional(),
  })
  .refine((b) => !(b.version >= 2 && b.reason === undefined), {
    message: "an amendment (version >= 2) requires a reason",
    path: ["reason"],
  });

/**
 * A prepared protocol version that the sponsor let go of before committing it on chain: discarded (with a reason),
 * or replaced by a newer preparation (`supersededBy`, the leaf hash of the replacement). A prepared version is not in
 * the log: its envelope is appended only once the sponsor's transaction is confirmed, so this record names the
 * discarded envelope by its leaf hash (`protocolHash`, what the wallet would have signed) and never contains it.
 */
export const protocolDiscardedBody = z
  .strictObject({
    version: z.int().min(1),
    protocolHash: hash32,
    reason: reason.optional(),
    supersededBy: hash32.optional(),
  })
  .refine((b) => b.reason !== undefined || b.supersededBy !== undefined, {
    message: "a discarded version needs a reason unless a newer preparation replaced it",
    path: ["reason"],
  });

/** Stopping or pausing a trial is always justified. */
const STATUSES_NEEDING_REASON: ReadonlySet<string> = new Set(PROTOCOL_STATUSES_NEEDING_REASON);

export const protocolStatusBody = z
  .strictObject({
    status: z.enum(PROTOCOL_STATUSES),
    reason: reason.optional(),
  })
  .refine((b) => !STATUSES_NEEDING_REASON.has(b.status) || b.reason !== undefined, {
    message: "this status change requires a reason",
    path: ["reason"],
  });
