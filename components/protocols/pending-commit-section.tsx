"use client";

import type { Hex } from "viem";
import { useConnection } from "wagmi";
import { chainTrialId } from "@/lib/chain/trial-id";
import { Section } from "@/components/ui/section";
import { UtcTime } from "@/components/ui/utc-time";
import { DiscardPendingVersion } from "./discard-pending-version";
import type { PendingCommitment } from "./hooks/use-sponsor-trial";
import { useWalletCommit } from "./hooks/use-wallet-commit";
import { WalletCommit } from "./wallet-commit";

/**
 * What awaits the sponsor's signature, exactly as the wallet will commit it, with the two ways forward: sign it, or
 * discard it (then prepare another one). Discarding is offered while nothing is on its way to the chain.
 */
export function PendingCommitSection({
  trialId,
  pending,
  onConfirmed,
  onDiscarded,
}: {
  trialId: string;
  pending: PendingCommitment;
  onConfirmed: (txHash: Hex) => void;
  onDiscarded: () => Promise<unknown>;
}) {
  const commit = useWalletCommit(trialId, pending, onConfirmed);
  const sent = commit.busy || commit.phase.step === "done";
  return (
    <Section
      id="commit"
      title={
        pending.version === 1 ? "Awaiting sponsor signature: registration" : `Awaiting sponsor signature: amendment (version ${pending.version})`
      }
      description="This is exactly what your wallet will commit on chain. The version is registered only once the portal has read your transaction's event from the chain; until then it is not in the trial's log. You can leave and come back, or discard it and prepare another one."
    >
      <div data-testid="awaiting-signature" className="flex flex-col gap-4">
        <CommitmentDetails pending={pending} />
        <WalletCommit pending={pending} commit={commit} />
        <DiscardPendingVersion trialId={trialId} pending={pending} disabled={sent} onDiscarded={onDiscarded} />
      </div>
    </Section>
  );
}

/** For a registration the id is the one TrialLedger will derive from the connected wallet (docs/ledger.md#trial-ids). */
function CommitmentDetails({ pending }: { pending: PendingCommitment }) {
  const { address } = useConnection();
  return (
    <>
      <dl className="grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
        <dt className="font-medium text-slate-800">Version</dt>
        <dd data-testid="commit-version">{pending.version}</dd>
        <dt className="font-medium text-slate-800">Prepared at</dt>
        <dd>
          <UtcTime value={pending.preparedAt} />
        </dd>
        <dt className="font-medium text-slate-800">Protocol hash (leaf hash)</dt>
        <dd className="font-mono text-xs break-all" data-testid="commit-protocol-hash">
          {pending.protocolHash}
        </dd>
        <dt className="font-medium text-slate-800">On-chain trial id</dt>
        <dd className="font-mono text-xs break-all" data-testid="commit-chain-trial-id">
          {pending.chainTrialId ?? (address ? chainTrialId(address, pending.publicId) : "derived by TrialLedger from the wallet that signs")}
        </dd>
        {pending.version === 1 ? (
          <>
            <dt className="font-medium text-slate-800">Anchorer</dt>
            <dd className="font-mono text-xs break-all">{pending.anchorer}</dd>
          </>
        ) : null}
        <dt className="font-medium text-slate-800">Contract</dt>
        <dd className="font-mono text-xs break-all">
          TrialLedger {pending.contract} on chain {pending.chainId}
        </dd>
      </dl>
      <div>
        <p className="text-sm font-medium text-slate-800">Summary of what is committed</p>
        <pre
          className="mt-1 max-h-72 overflow-auto rounded-md border border-slate-200 bg-slate-50 p-3 text-xs whitespace-pre-wrap text-slate-900"
          data-testid="commit-summary"
        >
          {pending.summary}
        </pre>
      </div>
    </>
  );
}
