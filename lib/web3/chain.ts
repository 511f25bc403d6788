import { defineChain, type Chain } from "viem";
import { hardhat } from "viem/chains";

/** What the server tells the browser about the chain it is configured for (no build-time env vars). */
export interface WalletChainSettings {
  chainId: number;
  rpcUrl: string;
}

export const LOCAL_CHAIN_ID = hardhat.id;

/** The configured chain: viem's `hardhat` for 31337, otherwise a minimal definition for the given id. */
export function chainFor({ chainId, rpcUrl }: WalletChainSettings): Chain {
  if (chainId === hardhat.id) return { ...hardhat, rpcUrls: { default: { http: [rpcUrl] } } };
  return defineChain({
    id: chainId,
    name: `Chain ${chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
}
