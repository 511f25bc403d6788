"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useConnection } from "wagmi";
import { apiRequest, messageOf } from "@/components/api-client";
import { Alert } from "@/components/ui/alert";
import { buttonStyles } from "@/components/ui/styles";
import { ConnectorList } from "@/components/wallet/connector-list";
import { shortAddress } from "@/components/wallet/short-address";
import { useSignedInNavigation } from "./use-signed-in-navigation";
import { useSiweSignature, type SiweWallet } from "./use-siwe-signature";

/**
 * Sign-In with Ethereum (EIP-4361): get a one-time nonce from the server, have the connected wallet sign
 * the message, let the server verify it and open the session. Without a connected wallet, the button
 * first asks for one and signing continues as soon as it is connected.
 */
export function SiweSignIn({ next }: { next: string }) {
  const connection = useConnection();
  const sign = useSiweSignature();
  const goOn = useSignedInNavigation(next);
  const [waitingForWallet, setWaitingForWallet] = useState(false);
  const address = connection.address;
  const chainId = connection.chainId;

  const siwe = useMutation({
    mutationFn: async (wallet: SiweWallet) => {
      const { message, signature } = await sign(wallet, "Sign in to TrialProof");
      await apiRequest("POST", "/api/auth/siwe/verify", { message, signature }, { credentialCheck: true });
    },
    onSuccess: goOn,
  });

  // Continue a sign-in that was waiting for the wallet to connect.
  useEffect(() => {
    if (waitingForWallet && address && chainId && !siwe.isPending) {
      // wagmi reports the connection asynchronously, after the click that asked for it: this effect is the
      // event handler for "the chosen wallet has connected".
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setWaitingForWallet(false);
      siwe.mutate({ address, chainId });
    }
  }, [waitingForWallet, address, chainId, siwe]);

  function start() {
    siwe.reset();
    if (address && chainId) siwe.mutate({ address, chainId });
    else setWaitingForWallet(true);
  }

  const busy = siwe.isPending || siwe.isSuccess;

  return (
    <section aria-labelledby="siwe-heading" className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h2 id="siwe-heading" className="text-lg font-semibold text-slate-900">
        Sign in with Ethereum
      </h2>
      <p className="mt-1 text-sm text-slate-700">
        Sign a one-time message with a wallet linked to your account (link one on your account page after signing in with your password). Nothing is
        sent to the chain and it costs nothing.
      </p>
      <div className="mt-4 flex flex-col gap-4">
        {address ? (
          <p className="text-sm text-slate-800">
            Wallet{" "}
            <span className="font-mono" title={address}>
              {shortAddress(address)}
            </span>{" "}
            is connected
            {connection.chain ? ` on ${connection.chain.name}` : chainId ? ` on chain ${chainId}` : ""}.
          </p>
        ) : (
          <div className="flex flex-col gap-2">
            <p className="text-sm text-slate-800" id="siwe-choose-wallet">
              {waitingForWallet ? "Choose your wallet to continue:" : "Connect a wallet first:"}
            </p>
            <ConnectorList testIdPrefix="siwe-wallet" onConnected={() => setWaitingForWallet(true)} />
          </div>
        )}
        {siwe.error ? (
          <Alert tone="error" testId="siwe-error">
            {messageOf(siwe.error)}
          </Alert>
        ) : null}
        <div>
          <button
            type="button"
            data-testid="siwe-button"
            className={buttonStyles.primary}
            disabled={busy}
            aria-describedby={address ? undefined : "siwe-choose-wallet"}
            onClick={start}
          >
            {busy ? "Waiting for signature…" : "Sign in with Ethereum"}
          </button>
        </div>
      </div>
    </section>
  );
}
