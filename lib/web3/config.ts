import { cookieStorage, createConfig, createStorage, http, injected, type CreateConnectorFn } from "wagmi";
import { chainFor, LOCAL_CHAIN_ID, type WalletChainSettings } from "@/lib/chain/chain-definition";
import { devWallet } from "./dev-wallet-connector";

/**
 * The wagmi config for the chain the server is configured for. Built from props (never from build-time
 * env vars) because the same build runs against different chains. Used by the server layout (to read
 * the wallet state from the request's cookie) and by the browser providers; both must agree.
 *
 * Connectors: the browser's injected wallet always; on the local chain (31337) also the dev wallet.
 */
export function makeWagmiConfig(settings: WalletChainSettings) {
  const chain = chainFor(settings);
  const connectors: CreateConnectorFn[] = [injected()];
  if (settings.chainId === LOCAL_CHAIN_ID) connectors.push(devWallet({ rpcUrl: settings.rpcUrl }));
  return createConfig({
    chains: [chain],
    connectors,
    ssr: true,
    storage: createStorage({ storage: cookieStorage }),
    transports: { [chain.id]: http(settings.rpcUrl) },
  });
}

export type WagmiConfig = ReturnType<typeof makeWagmiConfig>;
