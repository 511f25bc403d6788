import "server-only";
import { createPublicClient, type Chain } from "viem";
import { env } from "@/lib/env";
import { chainFor, rpcTransport } from "./chain-definition";

export function configuredChain(): Chain {
  const e = env();
  return chainFor({ chainId: e.CHAIN_ID, rpcUrl: e.RPC_URL });
}

let client: ReturnType<typeof createPublicClient> | undefined;

export function publicClient() {
  client ??= createPublicClient({
    chain: configuredChain(),
    transport: rpcTransport(env().RPC_URL, { retryCount: 1, timeout: 10_000 }),
  });
  return client;
}
