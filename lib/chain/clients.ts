import "server-only";
import { createPublicClient, defineChain, http, type Chain } from "viem";
import { hardhat } from "viem/chains";
import { env } from "@/lib/env";

export function configuredChain(): Chain {
  const e = env();
  if (e.CHAIN_ID === hardhat.id) return { ...hardhat, rpcUrls: { default: { http: [e.RPC_URL] } } };
  return defineChain({
    id: e.CHAIN_ID,
    name: `Chain ${e.CHAIN_ID}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [e.RPC_URL] } },
  });
}

let client: ReturnType<typeof createPublicClient> | undefined;

export function publicClient() {
  client ??= createPublicClient({ chain: configuredChain(), transport: http(env().RPC_URL, { retryCount: 1, timeout: 10_000 }) });
  return client;
}
