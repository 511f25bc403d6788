"use client";

import { useEffect, useState } from "react";
import type { Hex } from "viem";
import { useConfig, useConnection } from "wagmi";
import { simulateContract, waitForTransactionReceipt, writeContract } from "wagmi/actions";
import { ApiError, apiRequest, messageOf } from "@/components/api-client";
import { trialLedgerAbi } from "@/lib/chain/generated/trial-ledger";
import type { ChainConfirmationResult } from "@/lib/api/results";
import { walletErrorMessage } from "../wallet-error-message";
import { sponsorTrialUrl, type PendingCommitment, type SponsorTrial } from "./use-sponsor-trial";

export type CommitPhase =
  | { step: "idle" }
  | { step: "simulating" }
  | { step: "signing" }
  | { step: "mining"; txHash: Hex }
  | { step: "confirming"; txHash: Hex }
  | { step: "done"; txHash: Hex; status: string }
  | { step: "error"; message: string; txHash?: Hex };

const storageKey = (trialId: string, version: number) => `trialproof.pending-tx.${trialId}.${version}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function readStoredTx(trialId: string, version: number): Hex | null {
  try {
    const v = window.localStorage.getItem(storageKey(trialId, version));
    return v && /^0x[0-9a-fA-F]{64}$/.test(v) ? (v as Hex) : null;
  } catch {
    return null;
  }
}

/**
 * Commits the version awaiting signature from the sponsor's own wallet: registerTrial for version 1, amendProtocol
 * after. Checks first that the portal still awaits exactly this version (it may have been discarded or replaced in
 * another tab), simulates (readable reverts), sends, waits for the block, then tells the portal the transaction
 * hash; the portal reads the event from the chain itself before it confirms. The hash is kept in localStorage, so a
 * confirmation interrupted by a reload can be resumed.
 */
export function useWalletCommit(trialId: string, pending: PendingCommitment, onConfirmed: (txHash: Hex) => void) {
  const config = useConfig();
  const { address } = useConnection();
  const [phase, setPhase] = useState<CommitPhase>({ step: "idle" });
  const [storedTx, setStoredTx] = useState<Hex | null>(null);
  const isAmendment = pending.version > 1;

  // localStorage exists only in the browser: read it after hydration so server and client render the same markup.
  // eslint-disable-next-line react-hooks/set-state-in-effect
  useEffect(() => setStoredTx(readStoredTx(trialId, pending.version)), [trialId, pending.version]);

  async function confirmOnPortal(txHash: Hex) {
    setPhase({ step: "confirming", txHash });
    // The portal answers 409 "… try again in a moment" until its node has the transaction's block with enough
    // confirmations: retry a few times. Any other refusal (discarded meanwhile, wrong transaction) is shown at once.
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await apiRequest<ChainConfirmationResult>("POST", `${sponsorTrialUrl(trialId)}/chain-confirmation`, { txHash });
        try {
          window.localStorage.removeItem(storageKey(trialId, pending.version));
        } catch {}
        setPhase({ step: "done", txHash, status: `${result.chainState} in block ${result.blockNumber}` });
        onConfirmed(txHash);
        return;
      } catch (error) {
        if (error instanceof ApiError && error.status === 409 && /try again in a moment/i.test(error.message) && attempt < 10) {
          await sleep(1500);
          continue;
        }
        setPhase({
          step: "error",
          txHash,
          message: `The transaction was sent, but the portal did not accept it: ${messageOf(error)}`,
        });
        return;
      }
    }
  }

  /** Another tab may have discarded or replaced this version: never sign what the portal no longer awaits. */
  async function stillAwaited(): Promise<boolean> {
    const current = await apiRequest<SponsorTrial>("GET", sponsorTrialUrl(trialId));
    return current.pending?.protocolHash === pending.protocolHash;
  }

  async function sign() {
    if (!address) return;
    const common = {
      address: pending.contract,
      abi: trialLedgerAbi,
      account: address,
      chainId: pending.chainId,
    } as const;
    try {
      setPhase({ step: "simulating" });
      if (!(await stillAwaited())) {
        setPhase({
          step: "error",
          message: `Version ${pending.version} no longer awaits your signature: it was discarded or replaced meanwhile. Nothing was sent. Reload the page.`,
        });
        return;
      }
      let txHash: Hex;
      if (isAmendment) {
        if (!pending.chainTrialId) {
          setPhase({ step: "error", message: "The portal does not know this trial's on-chain id. Nothing was sent. Reload the page." });
          return;
        }
        const { request } = await simulateContract(config, {
          ...common,
          functionName: "amendProtocol",
          args: [pending.chainTrialId, pending.protocolHash],
        });
        setPhase({ step: "signing" });
        txHash = await writeContract(config, request);
      } else {
        const { request } = await simulateContract(config, {
          ...common,
          functionName: "registerTrial",
          args: [pending.publicIdHash, pending.protocolHash, pending.anchorer],
        });
        setPhase({ step: "signing" });
        txHash = await writeContract(config, request);
      }
      try {
        window.localStorage.setItem(storageKey(trialId, pending.version), txHash);
      } catch {}
      setStoredTx(txHash);
      setPhase({ step: "mining", txHash });
      const receipt = await waitForTransactionReceipt(config, { hash: txHash, chainId: pending.chainId });
      if (receipt.status !== "success") {
        setPhase({
          step: "error",
          txHash,
          message: `Transaction ${txHash} reverted on chain. Nothing was registered; you can try again.`,
        });
        return;
      }
      await confirmOnPortal(txHash);
    } catch (error) {
      setPhase({ step: "error", message: walletErrorMessage(error, address) });
    }
  }

  const busy = phase.step === "simulating" || phase.step === "signing" || phase.step === "mining" || phase.step === "confirming";
  return { phase, storedTx, busy, isAmendment, sign, confirmOnPortal };
}

export type WalletCommitState = ReturnType<typeof useWalletCommit>;
