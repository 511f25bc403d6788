"use client";

import { useConnection, useSwitchChain } from "wagmi";
import { messageOf } from "@/components/api-client";
import { Alert } from "@/components/ui/alert";
import { buttonStyles } from "@/components/ui/styles";
import { ConnectorList } from "@/components/wallet/connector-list";
import { shortAddress } from "@/components/wallet/short-address";
import type { PendingCommitment } from "./hooks/use-sponsor-trial";
import type { CommitPhase, WalletCommitState } from "./hooks/use-wallet-commit";

const SIGN_LABEL: Partial<Record<CommitPhase["step"], string>> = {
  simulating: "Checking the transaction…",
  signing: "Waiting for your wallet…",
  mining: "Waiting for the block…",
  confirming: "Portal is reading the chain…",
};

/** The sponsor's wallet: connect, switch to the trial's chain, sign, and what became of the transaction. */
export function WalletCommit({ pending, commit }: { pending: PendingCommitment; commit: WalletCommitState }) {
  const connection = useConnection();
  const switchChain = useSwitchChain();
  const { phase, storedTx, busy, isAmendment } = commit;
  const address = connection.address;
  const onRightChain = connection.chainId === pending.chainId;
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
          <p>
            Your wallet is on chain {connection.chainId ?? "unknown"}; this trial is registered on chain {pending.chainId}.
          </p>
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
          onClick={() => void commit.sign()}
        >
          {SIGN_LABEL[phase.step] ?? `Sign ${fn} with your wallet`}
        </button>
        {storedTx && !busy && phase.step !== "done" ? (
          <button
            type="button"
            className={buttonStyles.secondary}
            data-testid="commit-resume-confirmation"
            onClick={() => void commit.confirmOnPortal(storedTx)}
          >
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
        <Alert
          tone="success"
          title={isAmendment ? `Version ${pending.version} confirmed on chain` : "Trial registered on chain"}
          testId="commit-confirmed"
        >
          <p>
            The portal read the event from the chain: transaction <span className="font-mono break-all">{phase.txHash}</span> (
            {phase.status.replace(/_/g, " ")}).
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
