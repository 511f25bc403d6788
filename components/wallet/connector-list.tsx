"use client";

import { useId, useState } from "react";
import { useConnect, useConnectors, type Connector } from "wagmi";
import { messageOf } from "@/components/api-client";
import { Alert } from "@/components/ui/alert";
import { buttonStyles, inputStyles } from "@/components/ui/styles";
import { asDevWallet } from "@/lib/web3/dev-wallet-connector";
import { DEFAULT_TEST_ACCOUNT_INDEX, LOCAL_TEST_ACCOUNTS } from "@/lib/web3/local-test-accounts";
import { shortAddress } from "./short-address";

function displayName(connector: Connector): string {
  return connector.id === "injected" ? "Browser wallet (injected)" : connector.name;
}

/**
 * The wallets this browser can connect: the injected one (MetaMask etc.), wallets announced through
 * EIP-6963, and on the local chain the dev wallet with a choice of test account.
 */
export function ConnectorList({
  onConnected,
  testIdPrefix = "wallet",
}: {
  onConnected?: () => void;
  /** Keeps test ids unique when two lists are on one page (header menu and sign-in). */
  testIdPrefix?: string;
}) {
  const connectors = useConnectors();
  const connect = useConnect();
  const [accountIndex, setAccountIndex] = useState(DEFAULT_TEST_ACCOUNT_INDEX);
  const [pendingId, setPendingId] = useState<string | null>(null);
  const selectId = useId();

  async function connectWith(connector: Connector) {
    setPendingId(connector.uid);
    try {
      const dev = asDevWallet(connector);
      if (dev) await dev.selectAccount(accountIndex);
      await connect.mutateAsync({ connector });
      onConnected?.();
    } catch {
      // The error is shown from the mutation state below.
    } finally {
      setPendingId(null);
    }
  }

  return (
    <div className="flex flex-col gap-3">
      <ul className="flex flex-col gap-2">
        {connectors.map((connector) => {
          const dev = asDevWallet(connector);
          return (
            <li key={connector.uid} className="flex flex-col gap-2">
              {dev ? (
                <div className="flex flex-col gap-1">
                  <label htmlFor={selectId} className="text-xs font-medium text-slate-800">
                    Test account (local chain only)
                  </label>
                  <select
                    id={selectId}
                    data-testid={`${testIdPrefix}-dev-account`}
                    className={inputStyles}
                    value={accountIndex}
                    onChange={(e) => setAccountIndex(Number(e.target.value))}
                  >
                    {LOCAL_TEST_ACCOUNTS.map((address, index) => (
                      <option key={address} value={index}>
                        #{index} {shortAddress(address)}
                      </option>
                    ))}
                  </select>
                </div>
              ) : null}
              <button
                type="button"
                data-testid={`${testIdPrefix}-connector-${connector.id}`}
                className={`${buttonStyles.secondary} w-full justify-start`}
                disabled={pendingId !== null}
                onClick={() => void connectWith(connector)}
              >
                {pendingId === connector.uid ? `Connecting to ${displayName(connector)}…` : `Connect ${displayName(connector)}`}
              </button>
            </li>
          );
        })}
      </ul>
      {connect.error ? (
        <Alert tone="error" testId={`${testIdPrefix}-error`}>
          {/ProviderNotFound|Provider not found/i.test(connect.error.name + connect.error.message)
            ? "No browser wallet was found. Install one (e.g. MetaMask) or use another option."
            : messageOf(connect.error)}
        </Alert>
      ) : null}
    </div>
  );
}
