/**
 * What an anchoring alarm is about, in a file of its own without imports so that the database schema (read by
 * drizzle-kit) and the vocabulary share the very same list with the record bodies.
 * - `gas_budget_exhausted`: the anchorer's checkpoint transactions reached the daily gas budget; records wait.
 * - `anchorer_changed`: a trial's anchorer on chain is no longer the portal's anchorer; its records wait.
 */
export const ANCHORING_ALARM_KINDS = ["gas_budget_exhausted", "anchorer_changed"] as const;
