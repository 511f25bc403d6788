import "server-only";
import type { Address, Hash } from "viem";
import { readLedgerTrialState } from "@/lib/chain/anchoring/ledger-state";
import { encodeRegisterTrial, estimateCall, feeFields, withGasHeadroom } from "@/lib/chain/anchoring/ledger-transactions";
import { PORTAL_LOG_ID, PORTAL_LOG_PROTOCOL_MARKER } from "@/lib/chain/anchoring/portal-log-marker";
import { chainTrialId } from "@/lib/chain/trial-id";
import { resolveUnfinishedBatches } from "./resolve-unfinished-batches";
import { sendStoredBatch } from "./settle-batch";
import { signAndStoreBatch } from "./sign-and-store-batch";
import { logOf, normalizedContext, type AnchoringContext } from "./types";

export type PortalLogRegistration =
  | { state: "registered"; txHash?: Hash }
  | { state: "registered by another account"; sponsor: Address; anchorer: Address }
  /** A transaction of this anchorer is still on its way (maybe this very registration): try again later. */
  | { state: "pending" }
  | { state: "failed"; reason: string };

/**
 * Registers the portal-wide log ("portal") on TrialLedger, once, from the anchorer's own account:
 * `registerTrial(chainTrialId("portal"), PORTAL_LOG_PROTOCOL_MARKER, anchorer)` — the anchorer is then both its
 * sponsor and its anchorer. Clinical trials are registered by their sponsors' wallets instead; the portal log has
 * no sponsor, so the portal registers it itself.
 *
 * The registration goes through the same stored-before-sent path as checkpoint batches (purpose
 * `register_portal_log`), so it shares the anchorer's nonce sequence with them and is crash-safe the same way.
 * Idempotent: safe to call at every start, from several processes.
 */
export async function ensurePortalLogRegistered(input: AnchoringContext): Promise<PortalLogRegistration> {
  const ctx = normalizedContext(input);
  const portal = chainTrialId(PORTAL_LOG_ID);
  const me = ctx.account.address;
  const { inFlight } = await resolveUnfinishedBatches(ctx);
  if (inFlight) return { state: "pending" };

  const read = async (): Promise<PortalLogRegistration | null> => {
    const state = await readLedgerTrialState(ctx.publicClient, ctx.contract, portal);
    if (!state.registered) return null;
    if (state.anchorer === me) return { state: "registered" };
    return { state: "registered by another account", sponsor: state.sponsor, anchorer: state.anchorer };
  };
  const existing = await read();
  if (existing) return existing;

  const nonce = await ctx.publicClient.getTransactionCount({ address: me, blockTag: "pending" });
  const data = encodeRegisterTrial(portal, PORTAL_LOG_PROTOCOL_MARKER, me);
  const estimate = await estimateCall(ctx.publicClient, me, ctx.contract, data);
  if (!estimate.ok) {
    // Most likely another instance registered it a moment ago.
    const now = await read();
    return now ?? { state: "failed", reason: `registerTrial would revert: ${estimate.reason}` };
  }
  const fees = await feeFields(ctx.publicClient);
  const stored = await signAndStoreBatch(ctx, {
    purpose: "register_portal_log",
    nonce,
    call: { to: ctx.contract, data, gas: withGasHeadroom(estimate.gas) },
    fees,
    checkpoints: [],
    at: ctx.clock?.(),
  });
  if (!("stored" in stored)) return { state: "pending" };

  const b = stored.stored;
  const result = await sendStoredBatch(ctx, {
    id: b.id,
    txHash: b.txHash,
    rawTx: b.rawTx,
    nonce: b.nonce,
    anchorer: b.anchorer,
  });
  if (result.outcome === "confirmed") {
    logOf(ctx)(`portal log registered on chain as ${portal} (tx ${b.txHash})`);
    return { state: "registered", txHash: b.txHash };
  }
  if (result.outcome === "failed") return (await read()) ?? { state: "failed", reason: result.reason };
  return { state: "pending" };
}
