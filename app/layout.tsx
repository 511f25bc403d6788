import type { Metadata } from "next";
import type { ReactNode } from "react";
import { headers } from "next/headers";
import { connection } from "next/server";
import { cookieToInitialState } from "wagmi";
import { browserRpcUrl, env } from "@/lib/env";
import { currentViewer } from "@/lib/server/auth/viewer";
import { makeWagmiConfig, type WagmiConfig } from "@/lib/web3/config";
import type { WalletChainSettings } from "@/lib/chain/chain-definition";
import { Providers } from "@/lib/web3/providers";
import { SiteHeader } from "@/components/layout/site-header";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "TrialProof", template: "%s · TrialProof" },
  description: "Clinical-trial data integrity: every consent, outcome and protocol change is logged and anchored on chain.",
};

/** The chain the browser wallet should use, as configured on the server (not baked into the build). */
function walletChain(): WalletChainSettings {
  const e = env();
  return { chainId: e.CHAIN_ID, rpcUrl: browserRpcUrl(e) };
}

let serverWagmiConfig: { key: string; config: WagmiConfig } | undefined;
function wagmiConfigFor(chain: WalletChainSettings): WagmiConfig {
  const key = `${chain.chainId}|${chain.rpcUrl}`;
  if (serverWagmiConfig?.key !== key) serverWagmiConfig = { key, config: makeWagmiConfig(chain) };
  return serverWagmiConfig.config;
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: the Content-Security-Policy (proxy.ts) admits only scripts carrying this
  // request's nonce, which Next.js adds while rendering. A page prerendered at build time would carry none, and the
  // browser would refuse to run it.
  await connection();
  const chain = walletChain();
  const initialState = cookieToInitialState(wagmiConfigFor(chain), (await headers()).get("cookie"));
  const viewer = await currentViewer();

  return (
    <html lang="en">
      <body className="flex min-h-screen flex-col bg-slate-50 text-slate-900 antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-4 focus:py-2 focus:text-indigo-900 focus:shadow"
        >
          Skip to main content
        </a>
        <Providers chain={chain} initialState={initialState}>
          <SiteHeader viewer={viewer ? { name: viewer.name, roles: viewer.roles } : null} />
          <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 sm:px-6">
            {children}
          </main>
          <footer className="border-t border-slate-200 bg-white">
            <div className="mx-auto flex max-w-6xl flex-col gap-1 px-4 py-4 text-xs text-slate-700 sm:flex-row sm:justify-between sm:px-6">
              <p>TrialProof: tamper-evident records for clinical trials.</p>
              <p>All times are shown in UTC.</p>
            </div>
          </footer>
        </Providers>
      </body>
    </html>
  );
}
