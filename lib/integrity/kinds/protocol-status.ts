/**
 * The vocabulary of `protocol.status` records, in a file of its own without imports so that code which must not
 * load the rest of the catalogue (the database schema, read by drizzle-kit) can share the very same list.
 */

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
export const PROTOCOL_STATUSES_NEEDING_REASON = [
  "suspended",
  "terminated",
  "withdrawn",
] as const satisfies readonly (typeof PROTOCOL_STATUSES)[number][];
