import { createConnector } from "wagmi";
import { getAddress, numberToHex, SwitchChainError, type Address } from "viem";
import { LOCAL_CHAIN_ID } from "@/lib/chain/chain-definition";
import { DEFAULT_TEST_ACCOUNT_INDEX, LOCAL_TEST_ACCOUNTS, testAccountAt } from "./local-test-accounts";

/**
 * "Dev wallet": a wallet for the LOCAL chain (31337) only. It answers account and chain questions itself
 * with one of the local node's well-known test accounts, and forwards everything else (signing,
 * transactions, reads) as JSON-RPC to the node, which holds those accounts unlocked and signs for them.
 * It lets the demo and the end-to-end tests sign without a browser extension. Never offered on other chains.
 */
export const DEV_WALLET_ID = "devWallet";
export const DEV_WALLET_NAME = "Dev wallet (local test accounts)";

type RequestArguments = { method: string; params?: unknown };

export interface DevWalletProvider {
  request(args: RequestArguments): Promise<unknown>;
  on(event: string, listener: (...args: unknown[]) => void): void;
  removeListener(event: string, listener: (...args: unknown[]) => void): void;
}

export interface DevWalletProperties extends Record<string, unknown> {
  /** Chooses which local test account (0–9) the wallet answers with; switches it if connected. */
  selectAccount(index: number): Promise<void>;
  /** The index of the local test account currently selected. */
  selectedAccountIndex(): number;
}

type DevWalletStorage = {
  "devWallet.connected": boolean;
  "devWallet.accountIndex": number;
};

/** EIP-1193 error: `code` is what wallets and viem use to classify a failure. */
class ProviderError extends Error {
  readonly code: number;
  readonly data?: unknown;
  constructor(code: number, message: string, data?: unknown) {
    super(message);
    this.code = code;
    this.data = data;
  }
}

const CHAIN_HEX = numberToHex(LOCAL_CHAIN_ID);

function sameAddress(a: unknown, b: Address): boolean {
  return typeof a === "string" && a.toLowerCase() === b.toLowerCase();
}

function validIndex(index: unknown): index is number {
  return typeof index === "number" && Number.isInteger(index) && index >= 0 && index < LOCAL_TEST_ACCOUNTS.length;
}

export function devWallet({ rpcUrl }: { rpcUrl: string }) {
  let connected = false;
  let accountIndex = DEFAULT_TEST_ACCOUNT_INDEX;
  let requestId = 0;
  let provider: DevWalletProvider | undefined;

  return createConnector<DevWalletProvider, DevWalletProperties, DevWalletStorage>((config) => {
    const account = () => testAccountAt(accountIndex);

    async function forward(method: string, params: unknown): Promise<unknown> {
      let response: Response;
      try {
        response = await fetch(rpcUrl, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ jsonrpc: "2.0", id: ++requestId, method, params: params ?? [] }),
        });
      } catch {
        throw new ProviderError(4900, `The local chain at ${rpcUrl} is not reachable.`);
      }
      const payload = (await response.json().catch(() => null)) as {
        result?: unknown;
        error?: { code?: number; message?: string; data?: unknown };
      } | null;
      if (!payload) throw new ProviderError(-32603, `The local chain answered ${response.status} without a JSON-RPC body.`);
      if (payload.error) {
        throw new ProviderError(payload.error.code ?? -32603, payload.error.message ?? "JSON-RPC error", payload.error.data);
      }
      return payload.result;
    }

    /** A real wallet only signs for its own account; so does this one. */
    function requireOwnAccount(candidate: unknown) {
      if (!connected) throw new ProviderError(4100, "The dev wallet is not connected.");
      if (!sameAddress(candidate, account())) {
        throw new ProviderError(4100, `The dev wallet is using ${account()}, not ${String(candidate)}.`);
      }
    }

    async function request({ method, params }: RequestArguments): Promise<unknown> {
      const list = Array.isArray(params) ? (params as unknown[]) : [];
      switch (method) {
        case "eth_requestAccounts":
          return [account()];
        case "eth_accounts":
          return connected ? [account()] : [];
        case "eth_chainId":
          return CHAIN_HEX;
        case "wallet_switchEthereumChain":
        case "wallet_addEthereumChain": {
          const wanted = (list[0] as { chainId?: string } | undefined)?.chainId;
          if (typeof wanted === "string" && Number(wanted) === LOCAL_CHAIN_ID) return null;
          throw new ProviderError(4902, `The dev wallet only works on the local chain (${LOCAL_CHAIN_ID}).`);
        }
        case "wallet_getPermissions":
        case "wallet_requestPermissions":
          return [{ parentCapability: "eth_accounts" }];
        case "wallet_revokePermissions":
          return null;
        case "personal_sign":
          requireOwnAccount(list[1]);
          return forward(method, list);
        case "eth_sign":
        case "eth_signTypedData_v4":
          requireOwnAccount(list[0]);
          return forward(method, list);
        case "eth_sendTransaction": {
          const tx = { ...((list[0] as Record<string, unknown> | undefined) ?? {}) };
          tx.from ??= account();
          requireOwnAccount(tx.from);
          return forward(method, [tx]);
        }
        default:
          return forward(method, params);
      }
    }

    return {
      id: DEV_WALLET_ID,
      name: DEV_WALLET_NAME,
      type: DEV_WALLET_ID,

      async setup() {
        const stored = await config.storage?.getItem("devWallet.accountIndex");
        if (validIndex(stored)) accountIndex = stored;
      },

      async connect({ withCapabilities } = {}) {
        const stored = await config.storage?.getItem("devWallet.accountIndex");
        if (validIndex(stored)) accountIndex = stored;
        connected = true;
        await config.storage?.setItem("devWallet.connected", true);
        const address = account();
        return {
          accounts: (withCapabilities ? [{ address, capabilities: {} }] : [address]) as never,
          chainId: LOCAL_CHAIN_ID,
        };
      },

      async disconnect() {
        connected = false;
        await config.storage?.removeItem("devWallet.connected");
      },

      async getAccounts() {
        return connected ? [account()] : [];
      },

      async getChainId() {
        return LOCAL_CHAIN_ID;
      },

      async getProvider() {
        provider ??= { request, on: () => {}, removeListener: () => {} };
        return provider;
      },

      async isAuthorized() {
        if (connected) return true;
        return Boolean(await config.storage?.getItem("devWallet.connected"));
      },

      async switchChain({ chainId }) {
        const chain = config.chains.find((c) => c.id === chainId);
        if (!chain || chainId !== LOCAL_CHAIN_ID) {
          throw new SwitchChainError(new Error(`The dev wallet only works on the local chain (${LOCAL_CHAIN_ID}).`));
        }
        return chain;
      },

      onAccountsChanged(accounts) {
        if (accounts.length === 0) this.onDisconnect();
        else config.emitter.emit("change", { accounts: accounts.map((a) => getAddress(a)) });
      },

      onChainChanged(chain) {
        config.emitter.emit("change", { chainId: Number(chain) });
      },

      onDisconnect() {
        connected = false;
        config.emitter.emit("disconnect");
      },

      async selectAccount(index: number) {
        if (!validIndex(index)) throw new RangeError(`Choose a local test account between 0 and ${LOCAL_TEST_ACCOUNTS.length - 1}.`);
        accountIndex = index;
        await config.storage?.setItem("devWallet.accountIndex", index);
        if (connected) config.emitter.emit("change", { accounts: [account()] });
      },

      selectedAccountIndex() {
        return accountIndex;
      },
    };
  });
}

/** Narrows a wagmi connector to the dev wallet (to reach its account selection). */
export function asDevWallet(connector: { id: string }): (typeof connector & DevWalletProperties) | null {
  return connector.id === DEV_WALLET_ID ? (connector as typeof connector & DevWalletProperties) : null;
}
