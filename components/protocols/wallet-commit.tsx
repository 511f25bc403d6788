"use client";

import { useEffect, useState } from "react";
import { BaseError, ContractFunctionRevertedError, UserRejectedRequestError, type Address, type Hex } from "viem";
import { useConfig, useConnection, useSwitchChain } from "wagmi";
import { simulateContract, waitForTransactionReceipt, writeContract } from "wagmi/actions";
import { ApiError, messageOf } from "@/components/api-client";
import { Alert } from "@/components/ui/alert";
import { buttonStyles } from "@/components/ui/styles";
import { ConnectorList } from "@/components/wallet/connector-list";
import { shortAddress } from "@/components/wallet/short-address";
import { trialLedgerAbi } from "@/lib/chain/generated/trial-ledger";
import { requestJson } from "./http";
import type { PendingCommitment } from "./types";

type Phase =
  | { step: "idle" }
  | { step: "simulating" }
  | { step: "signing" }
  | { step: "mining"; txHash: Hex }
  | { step: "confirming"; txHash: Hex }
  | { step: "done"; txHash: Hex; status: string }
  | { step: "error"; message: string; txHash?: Hex };

const storageKey = (trialId: string, version: number) => `trialproof.pending-tx.${trialId}.${version}`;

/** Readable text for a revert of TrialLedger (custom errors) or a wallet failure. */
export function walletErrorMessage(error: unknown, account: Address | undefined): string {
  if (error instanceof BaseError) {
    if (error.walk((e) => e instanceof UserRejectedRequestError)) {
      return "You rejected the request in your wallet. Nothing was sent to the chain: the trial stays “awaiting sponsor signature” and you can sign later.";
    }
    const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
    if (reverted instanceof ContractFunctionRevertedError) {
      const name = reverted.data?.errorName;
      switch (name) {
        case "TrialAlreadyRegistered":
          return "The chain refuses this: the trial is already registered on chain. Nothing was sent. If you registered it from another tab, reload the page.";
        case "NotSponsor":
          return `The chain refuses this: the connected wallet ${account ? shortAddress(account) : ""} is not this trial's sponsor on chain. Connect the wallet that registered the trial.`;
        case "TrialNotRegistered":
          return "The chain refuses this: the trial is not registered on chain yet, so it cannot be amended.";
        case "ZeroProtocolHash":
          return "The chain refuses this: the protocol hash is empty.";
        case "ZeroAddress":
          return "The chain refuses this: the anchorer address is empty.";
        case "TooManyProtocolVersions":
          return "The chain refuses this: the trial has reached the maximum number of protocol versions.";
        default:
          if (name) return `The chain refuses this transaction (${name}). Nothing was sent.`;
          return `The chain refuses this transaction: ${reverted.reason ?? reverted.shortMessage}`;
      }
    }
    if ((error as { code?: number }).code === 4001 || /user rejected|user denied/i.test(error.message)) {
      return "You rejected the request in your wallet. Nothing was sent to the chain: the trial stays “awaiting sponsor signature” and you can sign later.";
    }
    return error.shortMessage;
  }
  return messageOf(error);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Asks the sponsor's own wallet to commit a protocol version on chain: registerTrial for version 1, amendProtocol
 * after. Simulates first (readable reverts), sends, waits for the block, then tells the portal the transaction
 * hash; the portal reads the event from the chain itself before it marks the version confirmed.
 */
export function WalletCommit({ trialId, pending, onConfirmed }: { trialId: string; pending: PendingCommitment; onConfirmed: (txHash: Hex) => void }) {
  const config = useConfig();
  const connection = useConnection();
  const switchChain = useSwitchChain();
  const [phase, setPhase] = useState<Phase>({ step: "idle" });
  const [storedTx, setStoredTx] = useState<Hex | null>(null);
  const isAmendment = pending.version > 1;

  useEffect(() => {
    try {
      const v = window.localStorage.getItem(storageKey(trialId, pending.version));
      setStoredTx(v && /^0x[0-9a-fA-F]{64}$/.test(v) ? (v as Hex) : null);
    } catch {
      setStoredTx(null);
    }
  }, [trialId, pending.version]);

  const address = connection.address;
  const onRightChain = connection.chainId === pending.chainId;

  async function confirmOnPortal(txHash: Hex) {
    setPhase({ step: "confirming", txHash });
    // The portal answers 409 until its own node has the transaction's block: retry a few times.
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await requestJson<{ status?: string; chainState?: string; blockNumber?: number }>(
          "POST",
          `/api/sponsor/trials/${trialId}/chain-confirmation`,
          { txHash },
        );
        try {
          window.localStorage.removeItem(storageKey(trialId, pending.version));
        } catch {}
        const state = result?.status ?? result?.chainState ?? "confirmed";
        setPhase({ step: "done", txHash, status: result?.blockNumber !== undefined ? `${state} in block ${result.blockNumber}` : state });
        onConfirmed(txHash);
        return;
      } catch (error) {
        if (error instanceof ApiError && error.status === 409 && attempt < 10) {
          await sleep(1500);
          continue;
        }
        setPhase({ step: "error", txHash, message: `The transaction was sent, but the portal did not accept it: ${messageOf(error)}` });
        return;
      }
    }
  }

  async function sign() {
    if (!address) return;
    const common = { address: pending.contract, abi: trialLedgerAbi, account: address, chainId: pending.chainId } as const;
    try {
      setPhase({ step: "simulating" });
      let txHash: Hex;
      if (isAmendment) {
        const { request } = await simulateContract(config, { ...common, functionName: "amendProtocol", args: [pending.chainTrialId, pending.protocolHash] });
        setPhase({ step: "signing" });
        txHash = await writeContract(config, request);
      } else {
        const { request } = await simulateContract(config, {
          ...common,
          functionName: "registerTrial",
          args: [pending.chainTrialId, pending.protocolHash, pending.anchorer],
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
        setPhase({ step: "error", txHash, message: `Transaction ${txHash} reverted on chain. Nothing was registered; you can try again.` });
        return;
      }
      await confirmOnPortal(txHash);
    } catch (error) {
      setPhase({ step: "error", message: walletErrorMessage(error, address) });
    }
  }

  const busy = phase.step === "simulating" || phase.step === "signing" || phase.step === "mining" || phase.step === "confirming";
  const fn = isAmendment ? "amendProtocol" : "registerTrial";

  return (
    <div className="flex flex-col gap-3" data-testid="wallet-commit" data-phase={phase.step}>
      {!address ? (
        <div className="flex flex-col gap-2">
          <p className="text-sm text-slate-800">Connect the sponsor&apos;s wallet to sign:</p>
          <ConnectorList testIdPrefix="commit-wallet" />
        </div>
      ) : (
        <p className="text-sm text-slate-800">
          Signing with{" "}
          <span className="font-mono" title={address} data-testid="commit-wallet-address">
            {shortAddress(address)}
          </span>
          {connection.chain ? ` on ${connection.chain.name}` : connection.chainId ? ` on chain ${connection.chainId}` : ""}.
        </p>
      )}
      {address && !onRightChain ? (
        <Alert tone="warning" title="Wrong network" testId="commit-wrong-chain">
          <p>Your wallet is on chain {connection.chainId ?? "unknown"}; this trial is registered on chain {pending.chainId}.</p>
          <button
            type="button"
            className={`${buttonStyles.secondary} mt-2`}
            data-testid="commit-switch-chain"
            disabled={switchChain.isPending}
            onClick={() => switchChain.mutate({ chainId: pending.chainId })}
          >
            {switchChain.isPending ? "Switching…" : `Switch to chain ${pending.chainId}`}
          </button>
          {switchChain.error ? <p className="mt-1 text-red-800">{messageOf(switchChain.error)}</p> : null}
        </Alert>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          className={buttonStyles.primary}
          data-testid="commit-sign"
          disabled={!address || !onRightChain || busy || phase.step === "done"}
          onClick={() => void sign()}
        >
          {phase.step === "simulating"
            ? "Checking the transaction…"
            : phase.step === "signing"
              ? "Waiting for your wallet…"
              : phase.step === "mining"
                ? "Waiting for the block…"
                : phase.step === "confirming"
                  ? "Portal is reading the chain…"
                  : `Sign ${fn} with your wallet`}
        </button>
        {storedTx && !busy && phase.step !== "done" ? (
          <button type="button" className={buttonStyles.secondary} data-testid="commit-resume-confirmation" onClick={() => void confirmOnPortal(storedTx)}>
            Confirm the transaction already sent ({shortAddress(storedTx)})
          </button>
        ) : null}
      </div>
      {phase.step === "mining" || phase.step === "confirming" ? (
        <Alert tone="info" title="Transaction sent" testId="commit-pending">
          <span className="font-mono break-all">{phase.txHash}</span>
        </Alert>
      ) : null}
      {phase.step === "done" ? (
        <Alert tone="success" title={isAmendment ? `Version ${pending.version} confirmed on chain` : "Trial registered on chain"} testId="commit-confirmed">
          <p>
            The portal read the event from the chain: transaction <span className="font-mono break-all">{phase.txHash}</span> ({String(phase.status).replace(/_/g, " ")}).
          </p>
        </Alert>
      ) : null}
      {phase.step === "error" ? (
        <Alert tone="error" title="Not signed" testId="commit-error">
          {phase.message}
        </Alert>
      ) : null}
    </div>
  );
}
