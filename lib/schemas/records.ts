import { z } from "zod";
import type { Role } from "./roles";

/** A log is named by its trial's public id (TP-2026-0001) or "portal" for the portal-wide log. */
export const ZLogId = z.string().regex(/^(portal|TP-\d{4}-\d{4,})$/, "Expected a public trial id such as TP-2026-0001.");

/** A record's index in its log, as written in a URL: a whole number without leading zeros. */
export const ZRecordIndex = z
  .string()
  .regex(/^(0|[1-9][0-9]{0,14})$/, "The record index must be a whole number: 0, 1, 2, …")
  .transform(Number);

export const ZRecordRefRequestSchema = z.object({ logId: ZLogId, index: ZRecordIndex });
export type TRecordRefRequest = z.infer<typeof ZRecordRefRequestSchema>;

export const ZLogRefRequestSchema = z.object({ logId: ZLogId });
export type TLogRefRequest = z.infer<typeof ZLogRefRequestSchema>;

/** Who may open a single record (participants: only their own; see lib/server/verification/log-read-scope.ts). */
export const RECORD_READER_ROLES = ["platform_admin", "sponsor_admin", "regulator", "participant"] as const satisfies readonly Role[];

/** Who may export a trial's whole audit bundle. */
export const BUNDLE_READER_ROLES = ["platform_admin", "sponsor_admin", "regulator"] as const satisfies readonly Role[];
