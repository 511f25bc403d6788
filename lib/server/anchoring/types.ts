import "server-only";
import { getAddress, type Address, type Hash, type LocalAccount, type PublicClient } from "viem";
import type { Database } from "@/lib/db/client";

/** Everything a step of the anchorer needs: where the data is, which chain and contract, who signs. */
export interface AnchoringContext {
  database: Database;
  publicClient: PublicClient;
  /** The anchorer's account. Signs locally: the raw transaction is stored before it is ever broadcast. */
  account: LocalAccount;
  /** TrialLedger address. */
  contract: Address;
  chainId: number;
  /** Blocks to wait for after the including block before a batch counts as confirmed; default 0. */
  confirmations?: number;
  /** How long one step waits for a receipt before leaving the batch in flight for a later step; default 60 s. */
  receiptTimeoutMs?: number;
  /** Receipt polling period; default 1000 ms. */
  pollingIntervalMs?: number;
  /** One-line operational messages; default console.log. */
  log?: (line: string) => void;
  /**
   * The clock of record ages, the portal log's cadence, the gas day and the times stored in batches and alarms.
   * Default: the database's clock. Tests pass a simulated clock here instead of sleeping.
   */
  clock?: () => Date;
}

/** What a test hook is told about the batch at hand. */
export interface FaultPointBatch {
  batchId: string;
  txHash: Hash;
  nonce: number;
}

/**
 * TEST HOOKS ONLY: fault injection points of the anchorer. Production passes none. A hook that throws makes the
 * step stop right there, exactly as a crash of the process would (nothing after it runs); tests then start a
 * fresh step and check that nothing was lost and nothing was sent twice.
 */
export interface AnchorTestFaultHooks {
  /** After the plan is built (chain read, transaction prepared), before the lock is taken and anything stored. */
  afterPlan?: () => void | Promise<void>;
  /** After the signed batch is committed to the database, before it is broadcast. */
  afterSign?: (batch: FaultPointBatch) => void | Promise<void>;
  /** After the broadcast, before the batch is marked sent. */
  afterSend?: (batch: FaultPointBatch) => void | Promise<void>;
  /** After the receipt arrived, before the batch is marked confirmed. */
  beforeConfirm?: (batch: FaultPointBatch) => void | Promise<void>;
}

export const DEFAULT_RECEIPT_TIMEOUT_MS = 60_000;
export const DEFAULT_POLLING_INTERVAL_MS = 1_000;

export function logOf(ctx: AnchoringContext): (line: string) => void {
  return ctx.log ?? ((line) => console.log(`[anchoring] ${line}`));
}

/** The contract address in one spelling (checksummed) everywhere it is stored and compared. */
export function normalizedContext<T extends AnchoringContext>(ctx: T): T {
  const contract = getAddress(ctx.contract);
  return contract === ctx.contract ? ctx : { ...ctx, contract };
}
