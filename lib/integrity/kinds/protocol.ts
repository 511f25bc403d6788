/**
 * Protocol records. `protocol.version` is what the sponsor's own chain transaction commits to: its leaf hash is
 * the `protocolHash` of registerTrial / amendProtocol (DESIGN §4).
 */
import { z } from "zod";
import { jsonObject, reason } from "./common";

/**
 * A protocol version. `protocol` is the protocol document as a JSON object; its detailed schema belongs to the
 * protocol form and is deliberately open here. Version 1 registers the trial; every later version is an
 * amendment and must say why (DESIGN: sponsors "amend them with a reason").
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

/** Recruitment status, following the ClinicalTrials.gov vocabulary. */
export const PROTOCOL_STATUSES = [
  "not_yet_recruiting",
  "recruiting",
  "active_not_recruiting",
  "suspended",
  "completed",
  "terminated",
  "withdrawn",
] as const;

/** Stopping or pausing a trial is always justified. */
const STATUSES_NEEDING_REASON: ReadonlySet<string> = new Set(["suspended", "terminated", "withdrawn"]);

export const protocolStatusBody = z
  .strictObject({
    status: z.enum(PROTOCOL_STATUSES),
    reason: reason.optional(),
  })
  .refine((b) => !STATUSES_NEEDING_REASON.has(b.status) || b.reason !== undefined, {
    message: "this status change requires a reason",
    path: ["reason"],
  });
