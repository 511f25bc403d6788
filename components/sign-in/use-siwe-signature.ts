"use client";

import type { Address } from "viem";
import { createSiweMessage } from "viem/siwe";
import { useSignMessage } from "wagmi";
import { apiRequest } from "@/components/api-client";

const SIWE_VALIDITY_MS = 10 * 60 * 1000;

export interface SiweWallet {
  address: Address;
  chainId: number;
}

/**
 * A Sign-In with Ethereum (EIP-4361) signature: a one-time nonce from the server, a message for this site, the
 * wallet and its chain, signed by the connected wallet. Used to sign in and to link a wallet to one's account; the
 * server checks nonce, domain, chain and signature either way.
 */
export function useSiweSignature(): (wallet: SiweWallet, statement: string) => Promise<{ message: string; signature: `0x${string}` }> {
  const signMessage = useSignMessage();
  return async (wallet, statement) => {
    const { nonce } = await apiRequest<{ nonce: string }>("POST", "/api/auth/siwe/nonce", {});
    const issuedAt = new Date();
    const message = createSiweMessage({
      domain: window.location.host,
      uri: window.location.origin,
      address: wallet.address,
      chainId: wallet.chainId,
      nonce,
      version: "1",
      statement,
      issuedAt,
      expirationTime: new Date(issuedAt.getTime() + SIWE_VALIDITY_MS),
    });
    const signature = await signMessage.mutateAsync({ message });
    return { message, signature };
  };
}
