import "server-only";
import { getAddress, type Address } from "viem";
import type { publicClient } from "@/lib/chain/clients";
import { trialLedgerAbi } from "@/lib/chain/generated/trial-ledger";
import type { TrialLedgerEventOf } from "@/lib/chain/trial-ledger-events";
import { env } from "@/lib/env";
import { AppError } from "@/lib/server/errors/app-error";

/**
 * What the portal requires of a sponsor's transaction before it stores anything about it, from the anchoring side:
 * it is deep enough in the chain, and the trial it registers can be checkpointed by the portal's anchorer.
 */

/** The portal's configured chain client (lib/chain/clients.ts). */
type ChainClient = ReturnType<typeof publicClient>;

/**
 * 409 while the transaction's block has fewer than ANCHOR_CONFIRMATIONS blocks on top (the rule checkpoints follow:
 * head − blockNumber ≥ N), so a registration is never stored on a block that may still be reorganised away.
 */
export async function refuseUntilConfirmed(client: ChainClient, blockNumber: bigint): Promise<void> {
  const needed = env().ANCHOR_CONFIRMATIONS;
  if (needed === 0) return;
  const head = await client.getBlockNumber({ cacheTime: 0 });
  const onTop = head > blockNumber ? Number(head - blockNumber) : 0;
  if (onTop >= needed) return;
  throw new AppError(
    "CONFLICT",
    `That transaction is in block ${blockNumber}, with ${onTop} of the ${needed} blocks on top the portal waits for: ` +
      `waiting for ${needed} confirmations. Try again in a moment.`,
  );
}

/**
 * Null when the registration names the portal's anchorer, or the sponsor has since made it the trial's anchorer on
 * chain (setAnchorer); otherwise what is wrong and how to repair it, in words. A trial anchored by someone else
 * would leave every record of its log "awaiting anchor" for good, so the portal refuses to take it on.
 */
export async function foreignAnchorerProblem(
  client: ChainClient,
  target: { contract: Address; anchorer: Address },
  registered: TrialLedgerEventOf<"TrialRegistered">,
): Promise<string | null> {
  if (registered.anchorer === target.anchorer) return null;
  const [, anchorerNow] = await client.readContract({
    address: target.contract,
    abi: trialLedgerAbi,
    functionName: "trial",
    args: [registered.trialId],
  });
  if (getAddress(anchorerNow) === target.anchorer) return null;
  return (
    `That transaction registered the trial with anchorer ${registered.anchorer}, not the portal's anchorer ${target.anchorer}: ` +
    `the portal could never checkpoint its log, so nothing was stored. From the sponsor wallet, call ` +
    `setAnchorer(${registered.trialId}, ${target.anchorer}) on TrialLedger, then confirm again.`
  );
}
