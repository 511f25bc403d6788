/**
 * The one definition of the chain TrialProof talks to, and of the transport to its RPC endpoint. Isomorphic (viem
 * only): the browser's wagmi config and verifiers, the server's clients, the anchorer, the CLI, tests and benches
 * all build their viem clients from `chainFor`, so a chain id and RPC URL mean the same chain everywhere.
 */
import { defineChain, http, webSocket, type Chain, type HttpTransportConfig, type Transport } from "viem";
import { hardhat } from "viem/chains";

/** A chain as configured: its id and the JSON-RPC endpoint to reach it (no build-time env vars in the browser). */
export interface ChainSettings {
  chainId: number;
  rpcUrl: string;
}

/** What the server tells the browser about the chain it is configured for. */
export type WalletChainSettings = ChainSettings;

/** The local development chain (Hardhat's and Anvil's default id). */
export const LOCAL_CHAIN_ID = hardhat.id;

/** The RPC URL's scheme decides the transport; anything but http(s) and ws(s) is refused. */
export function rpcUrlKind(rpcUrl: string): "http" | "webSocket" | null {
  let protocol: string;
  try {
    protocol = new URL(rpcUrl).protocol;
  } catch {
    return null;
  }
  if (protocol === "http:" || protocol === "https:") return "http";
  if (protocol === "ws:" || protocol === "wss:") return "webSocket";
  return null;
}

/**
 * The configured chain: viem's `hardhat` for the local chain (so wallets recognise it), otherwise a minimal
 * definition for the id. The RPC URL is the only endpoint: a wallet must never fall back to a public default.
 */
export function chainFor({ chainId, rpcUrl }: ChainSettings): Chain {
  const kind = rpcUrlKind(rpcUrl);
  const rpcUrls = { default: kind === "webSocket" ? { http: [], webSocket: [rpcUrl] } : { http: [rpcUrl] } };
  if (chainId === LOCAL_CHAIN_ID) return { ...hardhat, rpcUrls };
  return defineChain({
    id: chainId,
    name: `Chain ${chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls,
  });
}

export interface RpcTransportOptions {
  /** Retries of a failed request; viem's default is 3. Hardhat reports reverts as retryable errors. */
  retryCount?: number;
  /** Per-request timeout in milliseconds. */
  timeout?: number;
  /** HTTP only: send concurrent requests as one JSON-RPC batch. */
  batch?: HttpTransportConfig["batch"];
}

/** The transport to `rpcUrl` (http(s):// or ws(s)://); throws for any other scheme. */
export function rpcTransport(rpcUrl: string, options: RpcTransportOptions = {}): Transport {
  const kind = rpcUrlKind(rpcUrl);
  if (kind === "http") return http(rpcUrl, options);
  if (kind === "webSocket") return webSocket(rpcUrl, { retryCount: options.retryCount, timeout: options.timeout });
  throw new Error(`unsupported RPC URL "${rpcUrl}" (use http(s):// or ws(s)://)`);
}
