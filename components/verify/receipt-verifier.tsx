"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useState, type ChangeEvent, type FormEvent } from "react";
import { createPublicClient, type Address, type PublicClient } from "viem";
import { verifyReceiptOnChain, type ReceiptChainResult } from "@/lib/chain/verify-receipt-on-chain";
import { chainFor, rpcTransport } from "@/lib/chain/chain-definition";
import type { TVerifyLink } from "@/lib/schemas/verify-link";
import { Alert } from "@/components/ui/alert";
import { StepList } from "@/components/ui/step-list";
import { Field } from "@/components/ui/field";
import { buttonStyles, inputStyles } from "@/components/ui/styles";

export interface VerifierSettings {
  chainId: number;
  rpcUrl: string;
  contract: Address | null;
}

type Parsed = { ok: true; value: unknown } | { ok: false; message: string };

function parseJson(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Verifies a receipt entirely in the browser: lib/integrity checks the record and the proof, and a viem client
 * talks straight to the chain's public RPC endpoint for the checkpoint and its transaction. Nothing goes
 * through the portal's API.
 */
export function ReceiptVerifier({ settings, named }: { settings: VerifierSettings; named?: TVerifyLink }) {
  const [receiptText, setReceiptText] = useState("");
  const [envelopeText, setEnvelopeText] = useState("");
  const [receiptError, setReceiptError] = useState<string | undefined>();
  const [client] = useState<PublicClient>(
    () =>
      createPublicClient({
        chain: chainFor(settings),
        transport: rpcTransport(settings.rpcUrl, { retryCount: 1, timeout: 15_000 }),
      }) as PublicClient,
  );
  const formId = useId();

  const verify = useMutation({
    mutationFn: async ({ receipt, envelope }: { receipt: unknown; envelope: Parsed | null }): Promise<ReceiptChainResult> => {
      const result = await verifyReceiptOnChain(client, receipt, envelope?.ok ? envelope.value : undefined, {
        contract: settings.contract ?? undefined,
      });
      if (envelope && !envelope.ok) {
        const steps = result.steps.map((s) =>
          s.id === "record" ? { ...s, status: "fail" as const, detail: `the record is not valid JSON (${envelope.message})` } : s,
        );
        return { ...result, ok: false, steps };
      }
      return result;
    },
  });

  const readFile = (set: (text: string) => void) => async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) set(await file.text());
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!receiptText.trim()) {
      setReceiptError("Paste a receipt or choose its file.");
      return;
    }
    const receipt = parseJson(receiptText);
    if (!receipt.ok) {
      setReceiptError(`This is not valid JSON: ${receipt.message}`);
      verify.reset();
      return;
    }
    // A link that names a record (a consent copy's QR code) accepts that record's receipt only.
    const leaf = (receipt.value as { leafHash?: unknown } | null)?.leafHash;
    if (named && typeof leaf === "string" && leaf.toLowerCase() !== named.leaf) {
      setReceiptError(`This receipt is for the record with leaf hash ${leaf}, not the one the link names (${named.leaf}).`);
      verify.reset();
      return;
    }
    setReceiptError(undefined);
    verify.mutate({ receipt: receipt.value, envelope: envelopeText.trim() ? parseJson(envelopeText) : null });
  };

  return (
    <div className="flex flex-col gap-6">
      <form onSubmit={onSubmit} className="flex flex-col gap-4" aria-describedby={`${formId}-chain`} noValidate>
        <Field
          id={`${formId}-receipt`}
          label="Receipt (JSON)"
          hint="Paste the receipt, or choose the file you downloaded."
          errors={receiptError ? [receiptError] : undefined}
        >
          {(props) => (
            <textarea
              {...props}
              rows={8}
              value={receiptText}
              onChange={(e) => setReceiptText(e.target.value)}
              className={`${inputStyles} font-mono text-xs`}
              spellCheck={false}
              data-testid="receipt-input"
            />
          )}
        </Field>
        <Field id={`${formId}-receipt-file`} label="Receipt file">
          {(props) => <input {...props} type="file" accept="application/json,.json" onChange={readFile(setReceiptText)} className="text-sm" />}
        </Field>
        <Field
          id={`${formId}-envelope`}
          label="Record (optional, JSON)"
          hint="With the record itself, the verifier also checks that it hashes to the receipt's leaf."
        >
          {(props) => (
            <textarea
              {...props}
              rows={5}
              value={envelopeText}
              onChange={(e) => setEnvelopeText(e.target.value)}
              className={`${inputStyles} font-mono text-xs`}
              spellCheck={false}
              data-testid="envelope-input"
            />
          )}
        </Field>
        <Field id={`${formId}-envelope-file`} label="Record file (optional)">
          {(props) => <input {...props} type="file" accept="application/json,.json" onChange={readFile(setEnvelopeText)} className="text-sm" />}
        </Field>
        <p id={`${formId}-chain`} className="text-xs text-slate-700">
          Reads chain {settings.chainId} directly at <span className="font-mono">{settings.rpcUrl}</span>
          {settings.contract ? (
            <>
              {" "}
              and trusts only the TrialLedger at <span className="font-mono break-all">{settings.contract}</span>
            </>
          ) : (
            ", using the TrialLedger the receipt names (this portal has none configured)"
          )}
          .
        </p>
        <div>
          <button type="submit" className={buttonStyles.primary} disabled={verify.isPending}>
            {verify.isPending ? "Verifying…" : "Verify receipt"}
          </button>
        </div>
      </form>

      {verify.isError ? (
        <Alert tone="error" title="Verification could not run">
          {verify.error instanceof Error ? verify.error.message : String(verify.error)}
        </Alert>
      ) : null}

      {verify.data ? <Result result={verify.data} /> : null}
    </div>
  );
}

function Result({ result }: { result: ReceiptChainResult }) {
  return (
    <div className="flex flex-col gap-4" aria-live="polite">
      <div data-testid="verify-verdict" data-verdict={result.ok ? "verified" : "failed"}>
        {result.ok ? (
          <Alert tone="success" title="Verified">
            This record is in the trial&apos;s log, and the log&apos;s root is anchored on chain.
          </Alert>
        ) : (
          <Alert tone="error" title="Not verified">
            At least one check failed: see the steps below.
          </Alert>
        )}
      </div>
      <StepList steps={result.steps} label="Verification steps" testIdPrefix="verify-step-" />
    </div>
  );
}
