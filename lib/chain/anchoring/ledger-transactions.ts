import {
  encodeFunctionData,
  keccak256,
  parseTransaction,
  TransactionNotFoundError,
  TransactionReceiptNotFoundError,
  type Address,
  type Hash,
  type Hex,
  type LocalAccount,
  type PublicClient,
  type TransactionReceipt,
} from "viem";
import { trialLedgerAbi } from "../generated/trial-ledger";
import { describeChainError, formatRevert, isChainUnreachable, isRevert, ledgerRevertOf } from "./chain-errors";

/** One entry of a checkpoint transaction. */
export interface CheckpointEntry {
  chainTrialId: Hex;
  treeSize: number;
  rootHash: Hex;
  consistencyProof: Hex[];
}

/** A contract call ready to be signed. */
export interface LedgerCall {
  to: Address;
  data: Hex;
  gas: bigint;
}

/**
 * Calldata for a set of checkpoints: `checkpoint` for one trial (a little cheaper), `checkpointBatch` for several
 * (one transaction, all or nothing).
 */
export function encodeCheckpoints(entries: readonly CheckpointEntry[]): Hex {
  if (entries.length === 0) throw new Error("no checkpoint to encode");
  if (entries.length === 1) {
    const e = entries[0]!;
    return encodeFunctionData({
      abi: trialLedgerAbi,
      functionName: "checkpoint",
      args: [e.chainTrialId, BigInt(e.treeSize), e.rootHash, e.consistencyProof],
    });
  }
  return encodeFunctionData({
    abi: trialLedgerAbi,
    functionName: "checkpointBatch",
    args: [
      entries.map((e) => ({
        trialId: e.chainTrialId,
        treeSize: BigInt(e.treeSize),
        rootHash: e.rootHash,
        consistencyProof: e.consistencyProof,
      })),
    ],
  });
}

export function encodeRegisterTrial(publicIdHash: Hex, protocolHash: Hex, anchorer: Address): Hex {
  return encodeFunctionData({
    abi: trialLedgerAbi,
    functionName: "registerTrial",
    args: [publicIdHash, protocolHash, anchorer],
  });
}

/** Gas limit with headroom over the estimate (the state may change a little before the transaction is mined). */
export function withGasHeadroom(estimate: bigint): bigint {
  return (estimate * 12n) / 10n + 10_000n;
}

/** Estimates a call; a revert is returned (decoded where possible), anything else (e.g. no chain) is thrown. */
export async function estimateCall(
  client: PublicClient,
  from: Address,
  to: Address,
  data: Hex,
): Promise<{ ok: true; gas: bigint } | { ok: false; reason: string }> {
  try {
    return { ok: true, gas: await client.estimateGas({ account: from, to, data }) };
  } catch (error) {
    if (isChainUnreachable(error) || !isRevert(error)) throw error;
    const revert = ledgerRevertOf(error);
    return { ok: false, reason: revert ? formatRevert(revert) : describeChainError(error) };
  }
}

/**
 * Builds the checkpoint call for `entries`, leaving out entries the contract would refuse right now (e.g. the
 * sponsor changed the anchorer since they were planned): the batch is all or nothing on chain, so one bad entry
 * must not hold back the others. Returns the entries kept and why the others were dropped.
 */
export async function prepareCheckpointCall(
  client: PublicClient,
  from: Address,
  contract: Address,
  entries: readonly CheckpointEntry[],
): Promise<{
  call: LedgerCall | null;
  kept: CheckpointEntry[];
  dropped: { entry: CheckpointEntry; reason: string }[];
}> {
  if (entries.length === 0) return { call: null, kept: [], dropped: [] };
  const data = encodeCheckpoints(entries);
  const whole = await estimateCall(client, from, contract, data);
  if (whole.ok) return { call: { to: contract, data, gas: withGasHeadroom(whole.gas) }, kept: [...entries], dropped: [] };
  if (entries.length === 1) return { call: null, kept: [], dropped: [{ entry: entries[0]!, reason: whole.reason }] };

  // Find the culprits one by one, then try the rest together again.
  const single = await Promise.all(entries.map((e) => estimateCall(client, from, contract, encodeCheckpoints([e]))));
  const kept = entries.filter((_, i) => single[i]!.ok);
  const dropped = entries.flatMap((entry, i) => {
    const r = single[i]!;
    return r.ok ? [] : [{ entry, reason: r.reason }];
  });
  if (kept.length === 0) return { call: null, kept, dropped };
  if (dropped.length === 0) {
    // Each entry passes alone but not together: should not happen (entries are independent trials).
    return { call: null, kept: [], dropped: entries.map((entry) => ({ entry, reason: whole.reason })) };
  }
  const again = await prepareCheckpointCall(client, from, contract, kept);
  return { call: again.call, kept: again.kept, dropped: [...dropped, ...again.dropped] };
}

export type FeeFields = { maxFeePerGas: bigint; maxPriorityFeePerGas: bigint } | { gasPrice: bigint };

/**
 * Fees for a transaction that may have to be re-broadcast unchanged later: EIP-1559 with twice the current base
 * fee as the cap (survives several full blocks of base-fee increases), legacy gas price + 20% otherwise.
 */
export async function feeFields(client: PublicClient): Promise<FeeFields> {
  const block = await client.getBlock({ blockTag: "latest" });
  if (block.baseFeePerGas !== null && block.baseFeePerGas !== undefined) {
    const priority = await client.estimateMaxPriorityFeePerGas().catch((error) => {
      if (isChainUnreachable(error)) throw error;
      return 1_000_000_000n;
    });
    return { maxFeePerGas: block.baseFeePerGas * 2n + priority, maxPriorityFeePerGas: priority };
  }
  return { gasPrice: ((await client.getGasPrice()) * 12n) / 10n };
}

export interface SignedLedgerTransaction {
  rawTx: Hex;
  txHash: Hash;
}

/** Signs locally (nothing is sent): the caller stores the raw transaction before it is ever broadcast. */
export async function signLedgerTransaction(
  account: LocalAccount,
  tx: { chainId: number; nonce: number; call: LedgerCall; fees: FeeFields },
): Promise<SignedLedgerTransaction> {
  const base = {
    chainId: tx.chainId,
    nonce: tx.nonce,
    to: tx.call.to,
    data: tx.call.data,
    gas: tx.call.gas,
    value: 0n,
  };
  const rawTx =
    "gasPrice" in tx.fees
      ? await account.signTransaction({ ...base, type: "legacy", gasPrice: tx.fees.gasPrice })
      : await account.signTransaction({
          ...base,
          type: "eip1559",
          maxFeePerGas: tx.fees.maxFeePerGas,
          maxPriorityFeePerGas: tx.fees.maxPriorityFeePerGas,
        });
  return { rawTx, txHash: keccak256(rawTx) };
}

/**
 * Broadcasts a stored raw transaction. Returns null when the node took it (or already had it), the node's reason
 * when it refused it (nonce too low, reverted on an automining node, underpriced, ...). Throws when the chain is
 * unreachable, so the caller keeps the transaction for later.
 */
export async function broadcastRawTransaction(client: PublicClient, rawTx: Hex): Promise<string | null> {
  try {
    await client.sendRawTransaction({ serializedTransaction: rawTx });
    return null;
  } catch (error) {
    if (isChainUnreachable(error)) throw error;
    const text = describeChainError(error);
    if (/already known|known transaction|already imported|AlreadyKnown/i.test(text)) return null;
    return text;
  }
}

export async function receiptOrNull(client: PublicClient, hash: Hash): Promise<TransactionReceipt | null> {
  try {
    return await client.getTransactionReceipt({ hash });
  } catch (error) {
    if (error instanceof TransactionReceiptNotFoundError) return null;
    throw error;
  }
}

/** True when the node has the transaction (pending or mined). */
export async function nodeKnowsTransaction(client: PublicClient, hash: Hash): Promise<boolean> {
  try {
    await client.getTransaction({ hash });
    return true;
  } catch (error) {
    if (error instanceof TransactionNotFoundError) return false;
    throw error;
  }
}

/** Polls for the receipt until `timeoutMs`; null on timeout (the transaction stays in flight). */
export async function awaitReceipt(
  client: PublicClient,
  hash: Hash,
  opts: { timeoutMs: number; pollMs: number },
): Promise<TransactionReceipt | null> {
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    const receipt = await receiptOrNull(client, hash);
    if (receipt) return receipt;
    if (Date.now() >= deadline) return null;
    await new Promise((r) => setTimeout(r, opts.pollMs));
  }
}

/**
 * Why a mined transaction reverted: replays its call on the state of its block (a reverted transaction changes
 * nothing, so the state still shows the reason), and recognises running out of gas.
 */
export async function revertReasonOfMined(client: PublicClient, rawTx: Hex, receipt: TransactionReceipt): Promise<string> {
  const tx = parseTransaction(rawTx);
  if (tx.gas !== undefined && receipt.gasUsed >= tx.gas) return `ran out of gas (limit ${tx.gas}) in block ${receipt.blockNumber}`;
  try {
    await client.call({
      account: receipt.from,
      to: tx.to ?? undefined,
      data: tx.data,
      blockNumber: receipt.blockNumber,
    });
  } catch (error) {
    if (isChainUnreachable(error)) throw error;
    const revert = ledgerRevertOf(error);
    return revert ? `reverted: ${formatRevert(revert)}` : `reverted: ${describeChainError(error)}`;
  }
  return `reverted in block ${receipt.blockNumber} (the reason could not be reproduced)`;
}
