import "server-only";
import { LOCAL_CHAIN_ID } from "@/lib/chain/chain-definition";
import type { Env } from "@/lib/env";

/** The daily gas budget when ANCHOR_DAILY_GAS_BUDGET is unset on any chain but the local one. */
export const DEFAULT_DAILY_GAS_BUDGET = 100_000_000;

export interface AnchoringSettings {
  confirmations: number;
  intervalMs: number;
  maxLeaves: number;
  portalIntervalMs: number;
  /** Gas units per UTC day; null: unlimited (the local chain only). */
  dailyGasBudget: number | null;
}

/**
 * The worker's pacing and spending limits from the environment, the same for the in-app worker and `npm run worker`.
 * Unset ANCHOR_DAILY_GAS_BUDGET means DEFAULT_DAILY_GAS_BUDGET on a real network and no limit on the local chain,
 * whose gas costs nothing; 0 means no limit and is refused by lib/env.ts anywhere but the local chain.
 */
export function anchoringSettingsOf(env: Env): AnchoringSettings {
  const local = env.CHAIN_ID === LOCAL_CHAIN_ID;
  const budget = env.ANCHOR_DAILY_GAS_BUDGET ?? (local ? 0 : DEFAULT_DAILY_GAS_BUDGET);
  return {
    confirmations: env.ANCHOR_CONFIRMATIONS,
    intervalMs: env.ANCHOR_INTERVAL_MS,
    maxLeaves: env.ANCHOR_MAX_LEAVES,
    portalIntervalMs: env.PORTAL_ANCHOR_INTERVAL_MS,
    dailyGasBudget: budget === 0 ? null : budget,
  };
}

/** One line for the start-up log. */
export function describeAnchoringSettings(s: AnchoringSettings): string {
  const budget = s.dailyGasBudget === null ? "no daily gas budget" : `daily gas budget ${s.dailyGasBudget}`;
  return (
    `every ${s.intervalMs} ms or ${s.maxLeaves} waiting records (portal log at most every ${s.portalIntervalMs} ms); ` +
    `${s.confirmations} confirmation(s); ${budget}`
  );
}
