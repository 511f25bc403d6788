import "server-only";
import type { Address, Hash } from "viem";
import { readLedgerTrialState } from "@/lib/chain/anchoring/ledger-state";
import { encodeRegisterTrial, estimateCall, feeFields, withGasHeadroom } from "@/lib/chain/anchoring/ledger-transactions";
import { PORTAL_LOG_ID, PORTAL_LOG_PROTOCOL_MARKER } from "@/lib/chain/anchoring/portal-log-marker";
import { chainTrialId, publicIdHash } from "@/lib/chain/trial-id";
import { PORTAL_LOG, setChainRegistration, storedChainTrialId } from "@/lib/server/log/ensure-log";
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
 * `registerTrial(publicIdHash("portal"), PORTAL_LOG_PROTOCOL_MARKER, anchorer)` — the anchorer is then both its
 * sponsor and its anchorer, and its chain trial id is `chainTrialId(anchorer, "portal")`, which no other account
 * can register. Clinical trials are registered by their sponsors' wallets instead; the portal log has no sponsor, so
 * the portal registers it itself. The id is stored on the log head once it is registered; a portal log registered
 * by an earlier anchorer keeps its id (that anchorer hands it on with setAnchorer).
 *
 * The registration goes through the same stored-before-sent path as checkpoint batches (purpose
 * `register_portal_log`), so it shares the anchorer's nonce sequence with them and is crash-safe the same way.
 * Idempotent: safe to call at every start, from several processes.
 */
export async function ensurePortalLogRegistered(input: AnchoringContext): Promise<PortalLogRegistration> {
  const ctx = normalizedContext(input);
  const me = ctx.account.address;
  const portal = (await storedChainTrialId(ctx.database, PORTAL_LOG)) ?? chainTrialId(me, PORTAL_LOG_ID);
  const { inFlight } = await resolveUnfinishedBatches(ctx);
  if (inFlight) return { state: "pending" };

  const read = async (): Promise<PortalLogRegistration | null> => {
    const state = await readLedgerTrialState(ctx.publicClient, ctx.contract, portal);
    if (!state.registered) return null;
    await setChainRegistration(ctx.database, PORTAL_LOG, state.sponsor);
    if (state.anchorer === me) return { state: "registered" };
    return { state: "registered by another account", sponsor: state.sponsor, anchorer: state.anchorer };
  };
  const existing = await read();
  if (existing) return existing;

  const nonce = await ctx.publicClient.getTransactionCount({ address: me, blockTag: "pending" });
  const data = encodeRegisterTrial(publicIdHash(PORTAL_LOG_ID), PORTAL_LOG_PROTOCOL_MARKER, me);
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
    await setChainRegistration(ctx.database, PORTAL_LOG, me);
    logOf(ctx)(`portal log registered on chain as ${portal} (tx ${b.txHash})`);
    return { state: "registered", txHash: b.txHash };
  }
  if (result.outcome === "failed") return (await read()) ?? { state: "failed", reason: result.reason };
  return { state: "pending" };
}
