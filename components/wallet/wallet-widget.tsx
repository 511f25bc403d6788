"use client";

import { useEffect, useRef, useState } from "react";
import { useChains, useConnection, useDisconnect, useSwitchChain } from "wagmi";
import { messageOf } from "@/components/api-client";
import { buttonStyles } from "@/components/ui/styles";
import { ConnectorList } from "./connector-list";
import { shortAddress } from "./short-address";

/**
 * Header wallet control: connect (choice of wallet), the connected address and chain, a prompt to
 * switch when the wallet is on another chain than the one this deployment uses, and disconnect.
 */
export function WalletWidget() {
  const connection = useConnection();
  const [configured] = useChains();
  const disconnect = useDisconnect();
  const switchChain = useSwitchChain();
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    function onKey(event: KeyboardEvent) {
      if (event.key === "Escape") {
        setOpen(false);
        toggleRef.current?.focus();
      }
    }
    function onPointer(event: PointerEvent) {
      if (rootRef.current && !rootRef.current.contains(event.target as Node)) setOpen(false);
    }
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open]);

  const address = connection.address;

  if (!address) {
    return (
      <div ref={rootRef} className="relative">
        <button
          ref={toggleRef}
          type="button"
          data-testid="wallet-connect"
          aria-expanded={open}
          aria-controls={open ? "wallet-menu" : undefined}
          className={buttonStyles.secondary}
          onClick={() => setOpen((v) => !v)}
        >
          Connect wallet
        </button>
        {open ? (
          <div
            id="wallet-menu"
            role="group"
            aria-label="Choose a wallet"
            className="absolute right-0 z-20 mt-2 w-72 max-w-[calc(100vw-2rem)] rounded-lg border border-slate-200 bg-white p-4 shadow-lg"
          >
            <p className="mb-3 text-sm font-semibold text-slate-900">Choose a wallet</p>
            <ConnectorList onConnected={() => setOpen(false)} />
          </div>
        ) : null}
      </div>
    );
  }

  const onConfiguredChain = connection.chainId === configured?.id;
  const chainName = connection.chain?.name ?? `Unsupported chain (id ${connection.chainId ?? "unknown"})`;

  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" aria-label="Wallet" role="group">
      <span data-testid="wallet-address" title={address} className="rounded-md bg-slate-100 px-2 py-1 font-mono text-xs text-slate-900">
        <span className="sr-only">Wallet address </span>
        {shortAddress(address)}
      </span>
      <span data-testid="wallet-chain" className={onConfiguredChain ? "text-slate-700" : "font-medium text-amber-900"}>
        <span className="sr-only">Network: </span>
        {chainName}
      </span>
      {!onConfiguredChain && configured ? (
        <button
          type="button"
          data-testid="wallet-switch"
          className={buttonStyles.small}
          disabled={switchChain.isPending}
          onClick={() => switchChain.mutate({ chainId: configured.id })}
        >
          {switchChain.isPending ? "Switching…" : `Switch to ${configured.name}`}
        </button>
      ) : null}
      <button type="button" data-testid="wallet-disconnect" className={buttonStyles.small} onClick={() => disconnect.mutate({})}>
        Disconnect
      </button>
      {switchChain.error ? (
        <span role="alert" className="basis-full text-xs text-red-800">
          {messageOf(switchChain.error)}
        </span>
      ) : null}
    </div>
  );
}
