import { createPublicClient, getAddress, type Address, type Hex, type LocalAccount, type PublicClient } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { chainFor, rpcTransport } from "../chain-definition";
import { trialLedgerDeployedBytecode } from "../generated/trial-ledger";

export interface AnchoringChainConfig {
  rpcUrl: string;
  chainId: number;
  contract: Address;
  anchorerPrivateKey: Hex;
  /** How often to poll for receipts; default 1000 ms. */
  pollingIntervalMs?: number;
  /** Per-request timeout; default 10 s. */
  requestTimeoutMs?: number;
}

export interface AnchoringChain {
  publicClient: PublicClient;
  account: LocalAccount;
  contract: Address;
  chainId: number;
  pollingIntervalMs: number;
}

/**
 * The anchorer's view of the chain: a public client (no retries: the worker has its own backoff, and Hardhat
 * reports reverts as retryable errors) and the anchorer's local account, which signs without the node's help.
 */
export function createAnchoringChain(config: AnchoringChainConfig): AnchoringChain {
  const chain = chainFor(config);
  const transport = rpcTransport(config.rpcUrl, { retryCount: 0, timeout: config.requestTimeoutMs ?? 10_000 });
  const pollingIntervalMs = config.pollingIntervalMs ?? 1_000;
  const publicClient = createPublicClient({ chain, transport, pollingInterval: pollingIntervalMs }) as PublicClient;
  return {
    publicClient,
    account: privateKeyToAccount(config.anchorerPrivateKey),
    contract: getAddress(config.contract),
    chainId: config.chainId,
    pollingIntervalMs,
  };
}

/**
 * Refuses to anchor to the wrong place: the endpoint must report `chainId` and hold code at `contract`.
 * Returns `error` naming the problem (do not anchor), or a `warning` when the code is not byte-for-byte the
 * TrialLedger of this build (an older deployment with the same interface still works).
 */
export async function checkAnchoringTarget(client: PublicClient, chainId: number, contract: Address): Promise<{ error?: string; warning?: string }> {
  const reported = await client.getChainId();
  if (reported !== chainId) return { error: `the RPC endpoint reports chain ${reported}, but CHAIN_ID is ${chainId}` };
  const code = await client.getCode({ address: contract });
  if (!code || code === "0x") return { error: `no contract at TRIAL_LEDGER_ADDRESS ${contract} on chain ${chainId}` };
  if (code.toLowerCase() !== trialLedgerDeployedBytecode.toLowerCase()) {
    return { warning: `the contract at ${contract} is not byte-for-byte the TrialLedger of this build` };
  }
  return {};
}
