/**
 * Deploys the TrialLedger contract (bytecode from the generated module) with viem. Server/scripts only.
 */
import { createPublicClient, createWalletClient, getAddress, isHex, type Address, type Hash, type Hex, type Transport } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { chainFor, rpcTransport, rpcUrlKind } from "./chain-definition";
import { trialLedgerAbi, trialLedgerBytecode, trialLedgerDeployedBytecode } from "./generated/trial-ledger";

export interface DeployTrialLedgerOptions {
  /** JSON-RPC endpoint (http(s):// or ws(s)://). */
  rpcUrl: string;
  /** The chain id the endpoint must report; the deployment is refused otherwise. */
  chainId: number;
  /** 0x-prefixed 32-byte private key of the deploying account (pays the gas; has no role in the contract). */
  deployerKey: Hex;
  /** Blocks to wait for after inclusion; default 1 (the including block). */
  confirmations?: number;
  /** How long to wait for the receipt; default 180 s. */
  receiptTimeoutMs?: number;
}

export interface TrialLedgerDeployment {
  address: Address;
  txHash: Hash;
  blockNumber: bigint;
  blockHash: Hash;
}

export class DeployError extends Error {}

function transportFor(rpcUrl: string): Transport {
  if (rpcUrlKind(rpcUrl) === null) throw new DeployError(`unsupported RPC URL "${rpcUrl}" (use http(s):// or ws(s)://)`);
  return rpcTransport(rpcUrl);
}

export function isPrivateKey(value: string): value is Hex {
  return /^0x[0-9a-fA-F]{64}$/.test(value) && !/^0x0{64}$/.test(value);
}

/**
 * Deploys TrialLedger and checks the result: the endpoint's chain id must equal `chainId`, the transaction must
 * succeed, and the code at the new address must be exactly the expected runtime bytecode.
 */
export async function deployTrialLedger(options: DeployTrialLedgerOptions): Promise<TrialLedgerDeployment> {
  const { rpcUrl, chainId, deployerKey, confirmations = 1, receiptTimeoutMs = 180_000 } = options;
  if (!Number.isSafeInteger(chainId) || chainId <= 0) throw new DeployError(`invalid chain id: ${chainId}`);
  if (!isHex(deployerKey) || !isPrivateKey(deployerKey)) {
    throw new DeployError("invalid deployer key: expected a 0x-prefixed 32-byte hex private key");
  }

  const chain = chainFor({ chainId, rpcUrl });
  const transport = transportFor(rpcUrl);
  const publicClient = createPublicClient({ chain, transport });

  const reported = await publicClient.getChainId();
  if (reported !== chainId) {
    throw new DeployError(`chain id mismatch: ${rpcUrl} reports ${reported}, expected ${chainId}; nothing deployed`);
  }

  const account = privateKeyToAccount(deployerKey);
  const walletClient = createWalletClient({ account, chain, transport });
  const txHash = await walletClient.deployContract({ abi: trialLedgerAbi, bytecode: trialLedgerBytecode });

  const receipt = await publicClient.waitForTransactionReceipt({
    hash: txHash,
    confirmations,
    timeout: receiptTimeoutMs,
  });
  if (receipt.status !== "success") throw new DeployError(`deployment transaction ${txHash} reverted`);
  if (!receipt.contractAddress) throw new DeployError(`deployment transaction ${txHash} created no contract`);
  const address = getAddress(receipt.contractAddress);

  const code = await publicClient.getCode({ address });
  if (!code || code === "0x") throw new DeployError(`no code at ${address} after deployment ${txHash}`);
  if (code.toLowerCase() !== trialLedgerDeployedBytecode.toLowerCase()) {
    throw new DeployError(`code at ${address} is not the expected TrialLedger runtime bytecode`);
  }

  return { address, txHash, blockNumber: receipt.blockNumber, blockHash: receipt.blockHash };
}
