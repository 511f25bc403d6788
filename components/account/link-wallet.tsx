"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useChains, useConnection, useSwitchChain } from "wagmi";
import { apiRequest, messageOf } from "@/components/api-client";
import { useSiweSignature, type SiweWallet } from "@/components/sign-in/use-siwe-signature";
import { Alert } from "@/components/ui/alert";
import { buttonStyles } from "@/components/ui/styles";
import { ConnectorList } from "@/components/wallet/connector-list";
import { shortAddress } from "@/components/wallet/short-address";
import type { linkWallet } from "@/lib/server/auth/link-wallet";

type LinkWalletResult = Awaited<ReturnType<typeof linkWallet>>;

/**
 * Links the connected wallet to the signed-in account with a Sign-In with Ethereum signature, after which the
 * wallet signs in to this account. Without a connected wallet, it first asks for one; on another network, it
 * offers the switch (the server accepts only this portal's chain).
 */
export function LinkWallet({ linked }: { linked: readonly string[] }) {
  const connection = useConnection();
  const [configured] = useChains();
  const switchChain = useSwitchChain();
  const sign = useSiweSignature();
  const router = useRouter();
  const [waitingForWallet, setWaitingForWallet] = useState(false);
  const address = connection.address;
  const chainId = connection.chainId;
  const wrongChain = !!address && !!chainId && chainId !== configured.id;
  const alreadyLinked = !!address && linked.some((w) => w.toLowerCase() === address.toLowerCase());

  const link = useMutation({
    mutationFn: async (wallet: SiweWallet) => {
      const signed = await sign(wallet, "Link this wallet to my TrialProof account");
      return apiRequest<LinkWalletResult>("POST", "/api/auth/link-wallet", signed);
    },
    onSuccess: () => router.refresh(),
  });

  // Continue once the wallet chosen in the list has connected.
  useEffect(() => {
    if (waitingForWallet && address && chainId && chainId === configured.id && !link.isPending) {
      // wagmi reports the connection asynchronously, after the click that asked for it: this effect is the
      // event handler for "the chosen wallet has connected".
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setWaitingForWallet(false);
      link.mutate({ address, chainId });
    }
  }, [waitingForWallet, address, chainId, configured.id, link]);

  function start() {
    link.reset();
    if (address && chainId) link.mutate({ address, chainId });
    else setWaitingForWallet(true);
  }

  return (
    <div className="flex flex-col gap-4" data-testid="link-wallet">
      <p className="text-sm text-slate-700">
        Link a wallet to sign in with Ethereum. Your wallet signs a one-time message; nothing is sent to the chain and it costs nothing. A wallet can
        belong to one account only.
      </p>
      {address ? (
        <p className="text-sm text-slate-800">
          Wallet{" "}
          <span className="font-mono" title={address}>
            {shortAddress(address)}
          </span>{" "}
          is connected{connection.chain ? ` on ${connection.chain.name}` : chainId ? ` on chain ${chainId}` : ""}
          {alreadyLinked ? " and linked to this account." : "."}
        </p>
      ) : (
        <div className="flex flex-col gap-2">
          <p className="text-sm text-slate-800" id="link-wallet-choose">
            {waitingForWallet ? "Choose your wallet to continue:" : "Connect the wallet to link:"}
          </p>
          <ConnectorList testIdPrefix="link-wallet" onConnected={() => setWaitingForWallet(true)} />
        </div>
      )}
      {link.isSuccess ? (
        <Alert tone="success" testId="link-wallet-done">
          Wallet {shortAddress(link.data.wallet)} is linked to your account: you can now sign in with it.
        </Alert>
      ) : null}
      {link.error ? (
        <Alert tone="error" testId="link-wallet-error">
          {messageOf(link.error)}
        </Alert>
      ) : null}
      {switchChain.error ? (
        <Alert tone="error" testId="link-wallet-switch-error">
          {messageOf(switchChain.error)}
        </Alert>
      ) : null}
      <div className="flex flex-wrap gap-3">
        {wrongChain ? (
          <button
            type="button"
            data-testid="link-wallet-switch"
            className={buttonStyles.secondary}
            disabled={switchChain.isPending}
            onClick={() => switchChain.mutate({ chainId: configured.id })}
          >
            {switchChain.isPending ? "Switching…" : `Switch to ${configured.name}`}
          </button>
        ) : null}
        <button
          type="button"
          data-testid="link-wallet-button"
          className={buttonStyles.primary}
          disabled={link.isPending || wrongChain || alreadyLinked}
          aria-describedby={address ? undefined : "link-wallet-choose"}
          onClick={start}
        >
          {link.isPending ? "Waiting for signature…" : "Link this wallet"}
        </button>
      </div>
    </div>
  );
}
