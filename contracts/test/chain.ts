/**
 * viem clients and helpers for the contract tests (Hardhat node started by global-setup.ts).
 */
import {
  BaseError,
  ContractFunctionRevertedError,
  createPublicClient,
  createWalletClient,
  http,
  keccak256,
  toBytes,
  type Abi,
  type Account,
  type Address,
  type Hash,
  type Hex,
  type PublicClient,
  type TransactionReceipt,
  type WalletClient,
  type Transport,
  type Chain,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { expect, inject } from "vitest";
import { hardhatDevPrivateKeys } from "@/lib/chain/local-node";

export type Wallet = WalletClient<Transport, Chain, Account>;

export interface TestChain {
  url: string;
  publicClient: PublicClient<Transport, Chain>;
  /** Wallet clients of Hardhat dev accounts 0..9. */
  wallets: Wallet[];
  wallet(index: number): Wallet;
}

let cached: TestChain | undefined;

export function testChain(): TestChain {
  if (cached) return cached;
  const url = inject("contractsRpcUrl");
  // No retries: Hardhat reports reverts as retryable internal errors, which would only slow every revert down.
  const transport = http(url, { retryCount: 0 });
  const publicClient = createPublicClient({ chain: hardhat, transport, pollingInterval: 20 });
  const wallets = hardhatDevPrivateKeys().map((key) =>
    createWalletClient({ account: privateKeyToAccount(key), chain: hardhat, transport, pollingInterval: 20 }),
  );
  cached = {
    url,
    publicClient,
    wallets,
    wallet(index: number) {
      const w = wallets[index];
      if (!w) throw new Error(`no dev wallet ${index}`);
      return w;
    },
  };
  return cached;
}

/** Waits for a transaction and asserts it succeeded. */
export async function mined(hash: Hash): Promise<TransactionReceipt> {
  const receipt = await testChain().publicClient.waitForTransactionReceipt({ hash, pollingInterval: 20 });
  expect(receipt.status).toBe("success");
  return receipt;
}

export async function deploy(abi: Abi, bytecode: Hex, deployer = testChain().wallet(0)): Promise<{ address: Address; receipt: TransactionReceipt }> {
  const hash = await deployer.deployContract({ abi, bytecode });
  const receipt = await mined(hash);
  if (!receipt.contractAddress) throw new Error("deployment created no contract");
  return { address: receipt.contractAddress, receipt };
}

/** A fresh chain trial id for a label (same derivation as lib/chain/trial-id). */
export function trialIdFor(label: string): Hex {
  return keccak256(toBytes(label));
}

/**
 * Asserts that `action` fails with the custom error `errorName` (and, if given, exactly these args).
 * Works for writeContract (gas estimation reverts) and simulateContract/readContract.
 */
export async function expectRevert(action: Promise<unknown>, errorName: string, args?: readonly unknown[]): Promise<void> {
  let caught: unknown;
  try {
    await action;
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected revert ${errorName}, but the call succeeded`).toBeDefined();
  if (!(caught instanceof BaseError)) throw caught;
  const reverted = caught.walk((e) => e instanceof ContractFunctionRevertedError);
  if (!(reverted instanceof ContractFunctionRevertedError)) throw caught;
  expect(reverted.data?.errorName, `revert reason: ${reverted.shortMessage}`).toBe(errorName);
  if (args !== undefined) expect(reverted.data?.args ?? []).toEqual(args);
}
