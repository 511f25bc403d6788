"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { WagmiProvider, type State } from "wagmi";
import { z } from "zod";
import type { WalletChainSettings } from "@/lib/chain/chain-definition";
import { makeWagmiConfig } from "./config";

// zod probes `new Function("")` to decide whether it may compile parsers; under the portal's
// Content-Security-Policy (no 'unsafe-eval') that probe is reported as a violation. Browsers parse without
// it; the server keeps compiled parsers.
if (typeof window !== "undefined") z.config({ jitless: true });

/** wagmi + React Query for the whole app. One config and one query cache per browser tab. */
export function Providers({ chain, initialState, children }: { chain: WalletChainSettings; initialState: State | undefined; children: ReactNode }) {
  const [config] = useState(() => makeWagmiConfig(chain));
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, retry: 1 }, mutations: { retry: 0 } } }));
  return (
    <WagmiProvider config={config} initialState={initialState}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </WagmiProvider>
  );
}
