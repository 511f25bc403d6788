"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { createPublicClient, http, type Address, type Hex, type PublicClient } from "viem";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { StepList } from "@/components/ui/step-list";
import { buttonStyles } from "@/components/ui/styles";
import { chainFor } from "@/lib/web3/chain";
import { verifyProtocolVersions, type ProtocolVerification, type VersionInput } from "./verify-protocol-versions";

export interface ChainReadSettings {
  chainId: number;
  rpcUrl: string;
  /** The TrialLedger this portal is configured for (server settings), else the one the trial names. */
  contract: Address | null;
}

/**
 * "Verify": runs in the browser. The records come from the portal (they are what is being checked); the
 * commitments come straight from the chain's RPC endpoint with a viem public client, never through the portal.
 */
export function ProtocolVerifier({
  publicId,
  chainTrialId,
  sponsor,
  fromBlock,
  versions,
  settings,
}: {
  publicId: string;
  chainTrialId: Hex;
  sponsor: Address | null;
  fromBlock: number;
  versions: VersionInput[];
  settings: ChainReadSettings;
}) {
  const [client] = useState<PublicClient>(
    () => createPublicClient({ chain: chainFor(settings), transport: http(settings.rpcUrl, { retryCount: 1, timeout: 15_000 }) }) as PublicClient,
  );
  const verify = useMutation({
    mutationFn: async (): Promise<ProtocolVerification> => {
      if (!settings.contract) throw new Error("No TrialLedger contract is known for this trial, so there is nothing on chain to compare with.");
      return verifyProtocolVersions({
        client,
        contract: settings.contract,
        chainTrialId,
        publicId,
        expectedSponsor: sponsor,
        fromBlock: BigInt(Math.max(0, fromBlock)),
        versions,
        fetchEnvelope: async (version) => {
          const res = await fetch(`/api/trials/${encodeURIComponent(publicId)}/versions/${version}/envelope`, { cache: "no-store" });
          if (!res.ok) throw new Error(`the record of version ${version} could not be fetched (HTTP ${res.status})`);
          return res.json();
        },
      });
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
        ; hashes are computed in this browser.
      </p>
      <div>
        <button type="button" className={buttonStyles.primary} data-testid="protocol-verify" disabled={verify.isPending} onClick={() => verify.mutate()}>
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


function Result({ result }: { result: ProtocolVerification }) {
  return (
    <div className="flex flex-col gap-4" aria-live="polite">
      <div data-testid="protocol-verify-verdict" data-verdict={result.ok ? "verified" : "failed"} data-failing={result.failing.join(",")}>
        {result.ok ? (
          <Alert tone="success" title="Verified">
            Every committed version of this protocol matches the sponsor&apos;s own commitment on chain.
          </Alert>
        ) : (
          <Alert tone="error" title="Not verified">
            {result.failing.length > 0
              ? result.failing.map((v) => `Version ${v} does not match the sponsor's commitment on chain.`).join(" ")
              : "The sponsor's commitments could not be read from the chain: see the steps below."}
          </Alert>
        )}
      </div>
      <StepList steps={result.chainSteps} label="Chain" testIdPrefix="protocol-verify-step-" skipText="Pending" />
      {result.versions.map((v) => (
        <section key={v.version} aria-label={`Version ${v.version}`} data-testid={`protocol-verify-version-${v.version}`} data-ok={v.ok ? "true" : "false"}>
          <h3 className="mb-2 text-sm font-semibold text-slate-900">
            Version {v.version} <Badge tone={v.ok ? "good" : "bad"}>{v.ok ? "matches" : "does not match"}</Badge>
          </h3>
          <StepList steps={v.steps} label={`Version ${v.version} steps`} testIdPrefix="protocol-verify-step-" skipText="Pending" />
        </section>
      ))}
    </div>
  );
}
