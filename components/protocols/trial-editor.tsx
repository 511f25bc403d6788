"use client";

import { useState } from "react";
import type { Hex } from "viem";
import { messageOf } from "@/components/api-client";
import { Alert } from "@/components/ui/alert";
import { SectionSkeleton } from "@/components/ui/skeleton";
import { useSponsorTrial, type SponsorTrial } from "./hooks/use-sponsor-trial";
import { PendingCommitSection } from "./pending-commit-section";
import { ProtocolDraftSection } from "./protocol-draft-section";
import { TrialAdminForms, type PartyChoices } from "./trial-admin-forms";
import { TrialHeader } from "./trial-header";
import { VersionsSection } from "./versions-section";

/** The sponsor's editor for one trial: the protocol draft (autosaved), registration, amendments, and the trial's people. */
export function TrialEditor({ trialId, initial, choices }: { trialId: string; initial?: SponsorTrial; choices: PartyChoices }) {
  const { query, refresh } = useSponsorTrial(trialId, initial);
  if (query.isPending) return <SectionSkeleton label="Loading the trial" />;
  if (query.isError) {
    return (
      <Alert tone="error" title="The trial could not be loaded" testId="trial-load-error">
        {messageOf(query.error)}
      </Alert>
    );
  }
  return <LoadedEditor key={query.data.trial.id} view={query.data} trialId={trialId} refresh={refresh} choices={choices} />;
}

/** The last thing that happened to the version awaiting signature, shown once it has left that section. */
type Outcome = { kind: "confirmed"; version: number; txHash: Hex } | { kind: "discarded"; version: number } | null;

function LoadedEditor({
  view,
  trialId,
  refresh,
  choices,
}: {
  view: SponsorTrial;
  trialId: string;
  refresh: () => Promise<unknown>;
  choices: PartyChoices;
}) {
  const [outcome, setOutcome] = useState<Outcome>(null);
  const registered = view.versions.some((v) => v.chainState === "confirmed");
  const pending = view.pending;

  return (
    <>
      <TrialHeader trial={view.trial} registered={registered} />
      {outcome && !pending ? <OutcomeNotice outcome={outcome} /> : null}
      {pending ? (
        <PendingCommitSection
          key={pending.protocolHash}
          trialId={trialId}
          pending={pending}
          onConfirmed={(txHash) => {
            setOutcome({ kind: "confirmed", version: pending.version, txHash });
            void refresh();
          }}
          onDiscarded={async () => {
            setOutcome({ kind: "discarded", version: pending.version });
            await refresh();
          }}
        />
      ) : null}
      <VersionsSection view={view} />
      <ProtocolDraftSection
        trialId={trialId}
        view={view}
        onPrepared={async () => {
          setOutcome(null);
          await refresh();
        }}
      />
      {registered ? <TrialAdminForms trialId={trialId} status={view.trial.status} onChanged={() => void refresh()} choices={choices} /> : null}
    </>
  );
}

function OutcomeNotice({ outcome }: { outcome: NonNullable<Outcome> }) {
  if (outcome.kind === "discarded") {
    return (
      <div className="mb-6">
        <Alert tone="info" title={`Version ${outcome.version} discarded`} testId="discard-done">
          It was not committed on chain and is not in the trial&apos;s log. Correct the draft below and prepare version {outcome.version} again.
        </Alert>
      </div>
    );
  }
  return (
    <div className="mb-6">
      <Alert
        tone="success"
        title={outcome.version === 1 ? "Trial registered on chain" : `Version ${outcome.version} confirmed on chain`}
        testId="commit-done"
      >
        The portal read your transaction <span className="font-mono break-all">{outcome.txHash}</span> from the chain. The version is public now.
      </Alert>
    </div>
  );
}
