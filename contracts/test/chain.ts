/**
 * The contract tests' chain: the Hardhat node global-setup.ts starts, with the clients of the shared test chain
 * (lib/testing/test-ledger.ts), and the assertions only vitest can make.
 */
import { BaseError, ContractFunctionRevertedError, type Abi, type Address, type Hash, type Hex, type TransactionReceipt } from "viem";
import { expect, inject } from "vitest";
import { devChainClients, minedOrThrow, type DevChainClients } from "@/lib/testing/test-ledger";

let cached: DevChainClients | undefined;

export function testChain(): DevChainClients {
  cached ??= devChainClients(inject("contractsRpcUrl"));
  return cached;
}

/** Waits for a transaction; a revert fails the test. */
export function mined(hash: Hash): Promise<TransactionReceipt> {
  return minedOrThrow(testChain().client, hash);
}

export async function deploy(abi: Abi, bytecode: Hex, deployer = testChain().wallet(0)): Promise<{ address: Address; receipt: TransactionReceipt }> {
  const hash = await deployer.deployContract({ abi, bytecode });
  const receipt = await mined(hash);
  if (!receipt.contractAddress) throw new Error("deployment created no contract");
  return { address: receipt.contractAddress, receipt };
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
