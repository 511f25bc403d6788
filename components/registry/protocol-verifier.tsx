"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { createPublicClient, type Address, type PublicClient } from "viem";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { StepList } from "@/components/ui/step-list";
import { buttonStyles } from "@/components/ui/styles";
import { chainFor, rpcTransport } from "@/lib/chain/chain-definition";
import { chainErrorText } from "@/lib/chain/ledger-reader";
import { verifyPublicTrialOnChain, type PublicTrialVerification, type PublicVersionClaim } from "@/lib/chain/verify-public-trial";

export interface ChainReadSettings {
  chainId: number;
  rpcUrl: string;
  /** The TrialLedger this portal is configured for (server settings), else the one the trial names. */
  contract: Address | null;
}

/**
 * "Verify": runs in the browser on what the page already shows (the records, their anchoring and inclusion proofs,
 * passed from the server component: nothing is fetched from the portal again). The commitments and checkpoints
 * come straight from the chain's RPC endpoint with a viem public client, never through the portal.
 */
export function ProtocolVerifier({
  publicId,
  sponsor,
  fromBlock,
  versions,
  settings,
}: {
  publicId: string;
  sponsor: Address | null;
  fromBlock: number;
  versions: PublicVersionClaim[];
  settings: ChainReadSettings;
}) {
  const [client] = useState<PublicClient>(
    () =>
      createPublicClient({
        chain: chainFor(settings),
        transport: rpcTransport(settings.rpcUrl, { retryCount: 1, timeout: 15_000 }),
      }) as PublicClient,
  );
  const verify = useMutation({
    mutationFn: async (): Promise<PublicTrialVerification> => {
      if (!settings.contract) throw new Error("No TrialLedger contract is known for this trial, so there is nothing on chain to compare with.");
      const reader = { client, contract: settings.contract, fromBlock: BigInt(Math.max(0, fromBlock)) };
      try {
        return await verifyPublicTrialOnChain(reader, { publicId, sponsor, versions });
      } catch (error) {
        throw new Error(`The chain could not be read at ${settings.rpcUrl}: ${chainErrorText(error)}`);
      }
    },
  });

  return (
    <div className="flex flex-col gap-4">
      <p className="text-xs text-slate-700">
        Reads chain {settings.chainId} directly at <span className="font-mono">{settings.rpcUrl}</span>
        {settings.contract ? (
          <>
            {" "}
            (TrialLedger <span className="font-mono break-all">{settings.contract}</span>)
          </>
        ) : null}
        ; hashes and proofs are computed in this browser.
      </p>
      <div>
        <button
          type="button"
          className={buttonStyles.primary}
          data-testid="protocol-verify"
          disabled={verify.isPending}
          onClick={() => verify.mutate()}
        >
          {verify.isPending ? "Verifying…" : "Verify against the chain"}
        </button>
      </div>
      {verify.isError ? (
        <Alert tone="error" title="Verification could not run" testId="protocol-verify-error">
          {verify.error instanceof Error ? verify.error.message : String(verify.error)}
        </Alert>
      ) : null}
      {verify.data ? <Result result={verify.data} /> : null}
    </div>
  );
}

function problemsOf(result: PublicTrialVerification): string[] {
  const problems = result.failing.map((v) => `Version ${v} does not match the sponsor's commitment on chain.`);
  for (const v of result.notAnchored.filter((n) => !result.failing.includes(n)))
    problems.push(`Version ${v} is not in the checkpoint shown as anchored.`);
  if (result.checkpointStep.status === "fail") problems.push("The log checkpoint shown as anchored is not the one on chain.");
  if (result.chainSteps.some((s) => s.status === "fail"))
    problems.push("The sponsor's commitments on chain do not match what this page shows: see the steps below.");
  return problems;
}

function Result({ result }: { result: PublicTrialVerification }) {
  const checkpoint = result.checkpointStep.status === "fail" ? "failed" : result.checkpointStep.status === "pass" ? "verified" : "none";
  return (
    <div className="flex flex-col gap-4" aria-live="polite">
      <div
        data-testid="protocol-verify-verdict"
        data-verdict={result.ok ? "verified" : "failed"}
        data-failing={result.failing.join(",")}
        data-not-anchored={result.notAnchored.join(",")}
        data-checkpoint={checkpoint}
      >
        {result.ok ? (
          <Alert tone="success" title="Verified">
            Every version of this protocol matches the sponsor&apos;s own commitment on chain
            {checkpoint === "verified" ? ", and the log checkpoint shown as anchored is on chain with every anchored version in it." : "."}
          </Alert>
        ) : (
          <Alert tone="error" title="Not verified">
            {problemsOf(result).join(" ")}
          </Alert>
        )}
      </div>
      <StepList steps={[...result.chainSteps, result.checkpointStep]} label="Chain" testIdPrefix="protocol-verify-step-" skipText="Not yet" />
      {result.versions.map((v) => (
        <section
          key={v.version}
          aria-label={`Version ${v.version}`}
          data-testid={`protocol-verify-version-${v.version}`}
          data-ok={v.ok ? "true" : "false"}
        >
          <h3 className="mb-2 text-sm font-semibold text-slate-900">
            Version {v.version} <Badge tone={v.ok ? "good" : "bad"}>{v.ok ? "matches" : "does not match"}</Badge>
          </h3>
          <StepList steps={v.steps} label={`Version ${v.version} steps`} testIdPrefix="protocol-verify-step-" skipText="Not yet" />
        </section>
      ))}
    </div>
  );
}
