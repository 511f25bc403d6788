import { createPublicClient, createWalletClient, type Address, type Hash, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { chainFor, rpcTransport } from "./chain-definition";
import { trialLedgerAbi } from "./generated/trial-ledger";
import { chainTrialId, publicIdHash } from "./trial-id";

/**
 * Registers a trial on TrialLedger from a key held by the caller. The portal itself never holds sponsor
 * keys: this is used by the embedded demo's seed (the demo sponsor's local test account) and by tests.
 * Simulates first, so a revert surfaces as the contract's named error.
 */
export async function registerTrialWithKey(opts: {
  rpcUrl: string;
  chainId: number;
  contract: Address;
  sponsorKey: Hex;
  publicTrialId: string;
  protocolHash: Hex;
  anchorer: Address;
}): Promise<{ txHash: Hash; blockNumber: bigint; chainTrialId: Hex }> {
  const chain = chainFor(opts);
  const account = privateKeyToAccount(opts.sponsorKey);
  const transport = rpcTransport(opts.rpcUrl);
  const publicClient = createPublicClient({ chain, transport });
  const wallet = createWalletClient({ chain, account, transport });
  const { request } = await publicClient.simulateContract({
    account,
    address: opts.contract,
    abi: trialLedgerAbi,
    functionName: "registerTrial",
    args: [publicIdHash(opts.publicTrialId), opts.protocolHash, opts.anchorer],
  });
  const txHash = await wallet.writeContract(request);
  const receipt = await publicClient.waitForTransactionReceipt({ hash: txHash });
  if (receipt.status !== "success") throw new Error(`registerTrial ${opts.publicTrialId} reverted (${txHash})`);
  return { txHash, blockNumber: receipt.blockNumber, chainTrialId: chainTrialId(account.address, opts.publicTrialId) };
}
