/**
 * Verifies a record receipt (docs/receipts.md#verification-steps) against the chain, step by step, without the
 * portal: lib/integrity's `verifyReceiptSteps` for the record, the proof and the root, fed with what this module
 * reads from the chain itself (the Checkpointed event of the receipt's transaction, `latestCheckpoint`, the
 * transaction's block). Isomorphic (viem + lib/integrity): the public /verify page runs it in the browser, the CLI in
 * Node.
 */
import type { Address, Hex, PublicClient } from "viem";
import {
  parseReceipt,
  verifyReceiptSteps,
  type Receipt,
  type ReceiptChainView,
  type ReceiptStep,
  type ReceiptStepId,
  type StepStatus,
} from "@/lib/integrity";
import { chainErrorText } from "./ledger-reader";
import { readLatestCheckpoint, type OnChainCheckpoint } from "./read-checkpoints";
import { decodeTrialLedgerLogs, eventsNamed } from "./trial-ledger-events";

export type ReceiptCheckId = ReceiptStepId | "transaction";

export interface ReceiptCheck {
  readonly id: ReceiptCheckId;
  readonly label: string;
  readonly status: StepStatus;
  readonly detail: string;
}

export interface ReceiptChainResult {
  /** True iff every lib/integrity step that must pass passed and the transaction check passed. */
  readonly ok: boolean;
  /** In display order: format, trial, record, inclusion, chain, anchored, transaction. */
  readonly steps: readonly ReceiptCheck[];
  /** The parsed receipt (null when malformed). */
  readonly receipt: Receipt | null;
  /** The trial's latest checkpoint on chain, when it could be read. */
  readonly latest: OnChainCheckpoint | null;
}

export interface VerifyReceiptOnChainOptions {
  /**
   * The TrialLedger the verifier trusts (e.g. the one this portal publishes). A receipt naming another contract
   * then fails the chain step. Without it, the receipt's own contract is read and the result says so.
   */
  readonly contract?: Address;
}

const TRANSACTION_LABEL = "Checkpoint transaction found in its block";

interface TransactionFinding {
  readonly status: StepStatus;
  readonly detail: string;
  /** Root the transaction recorded for the receipt's tree size, when it did. */
  readonly rootAtSize: Hex | null;
}

async function findCheckpointTransaction(client: PublicClient, r: Receipt, contract: Address): Promise<TransactionFinding> {
  let tx;
  try {
    tx = await client.getTransactionReceipt({ hash: r.txHash });
  } catch (error) {
    return {
      status: "fail",
      detail: `transaction ${r.txHash} was not found on this chain (${chainErrorText(error)})`,
      rootAtSize: null,
    };
  }
  if (tx.status !== "success") return { status: "fail", detail: `transaction ${r.txHash} reverted`, rootAtSize: null };
  if (Number(tx.blockNumber) !== r.blockNumber) {
    return {
      status: "fail",
      detail: `transaction ${r.txHash} is in block ${tx.blockNumber}, the receipt names block ${r.blockNumber}`,
      rootAtSize: null,
    };
  }
  const [block, head] = await Promise.all([client.getBlock({ blockNumber: tx.blockNumber }), client.getBlockNumber()]);
  if (block.hash !== tx.blockHash) {
    return {
      status: "fail",
      detail: `block ${r.blockNumber} on this chain is not the block that holds the transaction`,
      rootAtSize: null,
    };
  }
  const events = eventsNamed(decodeTrialLedgerLogs(tx.logs, { contract, trialId: r.chainTrialId }), "Checkpointed");
  const atSize = events.find((e) => e.treeSize === r.treeSize);
  if (!atSize) {
    const sizes = events.map((e) => String(e.treeSize));
    return {
      status: "fail",
      detail:
        sizes.length === 0
          ? `transaction ${r.txHash} did not checkpoint this trial on TrialLedger ${contract}`
          : `transaction ${r.txHash} checkpointed this trial at size ${sizes.join(", ")}, not at the receipt's size ${r.treeSize}`,
      rootAtSize: null,
    };
  }
  const confirmations = head >= tx.blockNumber ? head - tx.blockNumber + 1n : 0n;
  const when = new Date(Number(block.timestamp) * 1000).toISOString();
  return {
    status: "pass",
    detail: `block ${r.blockNumber} (${when}, ${confirmations} confirmation${confirmations === 1n ? "" : "s"}) holds transaction ${r.txHash}, which checkpointed size ${r.treeSize}`,
    rootAtSize: atSize.rootHash,
  };
}

/**
 * Verifies `receipt` (any JSON value) and optionally the record `envelope` it is for. Never throws: an
 * unreachable chain fails the chain-dependent steps with the transport's message.
 */
export async function verifyReceiptOnChain(
  client: PublicClient,
  receipt: unknown,
  envelope: unknown,
  options: VerifyReceiptOnChainOptions = {},
): Promise<ReceiptChainResult> {
  const parsed = parseReceipt(receipt);
  if (!parsed.ok) {
    const base = verifyReceiptSteps(receipt, envelope, { treeSize: 0, rootHash: `0x${"00".repeat(32)}` });
    return {
      ok: false,
      receipt: null,
      latest: null,
      steps: [
        ...base.steps,
        {
          id: "transaction",
          label: TRANSACTION_LABEL,
          status: "skip",
          detail: "not checked: the receipt is malformed",
        },
      ],
    };
  }
  const r = parsed.value;
  const contract = (options.contract ?? r.contract) as Address;

  const [chainId, latest, transaction] = await Promise.all([
    client.getChainId().then(
      (id) => id,
      (error: unknown) => new Error(chainErrorText(error)),
    ),
    readLatestCheckpoint({ client, contract }, r.chainTrialId).then(
      (c) => c,
      (error: unknown) => new Error(chainErrorText(error)),
    ),
    findCheckpointTransaction(client, r, contract).catch((error: unknown): TransactionFinding => ({
      status: "fail",
      detail: `the chain could not be read: ${chainErrorText(error)}`,
      rootAtSize: null,
    })),
  ]);

  const identity = {
    ...(typeof chainId === "number" ? { chainId } : {}),
    contract,
    chainTrialId: r.chainTrialId,
  };
  // The checkpoint at the receipt's own size is the one its transaction recorded; failing that, the latest one
  // (which is enough when the trial has not grown since).
  let view: ReceiptChainView;
  if (transaction.rootAtSize !== null) view = { treeSize: r.treeSize, rootHash: transaction.rootAtSize, ...identity };
  else if (!(latest instanceof Error)) view = { treeSize: latest.treeSize, rootHash: latest.rootHash, ...identity };
  else view = { treeSize: r.treeSize, rootHash: `0x${"00".repeat(32)}`, ...identity };

  const base = verifyReceiptSteps(r, envelope, view);
  const steps: ReceiptCheck[] = base.steps.map((s: ReceiptStep): ReceiptCheck => {
    if (s.id === "chain" && chainId instanceof Error) return { ...s, status: "fail", detail: `the chain id could not be read: ${chainId.message}` };
    if (s.id === "chain" && s.status === "pass" && options.contract === undefined) {
      return {
        ...s,
        detail: `${s.detail} (read from the receipt's own contract ${r.contract}; pin the TrialLedger you trust to rule out a look-alike)`,
      };
    }
    if (s.id === "anchored" && transaction.rootAtSize === null && latest instanceof Error) {
      return { ...s, status: "fail", detail: `the checkpoint could not be read from the chain: ${latest.message}` };
    }
    if (s.id === "anchored" && s.status === "pass" && !(latest instanceof Error) && latest.treeSize > r.treeSize) {
      return { ...s, detail: `${s.detail}; the trial has grown since (latest checkpoint: size ${latest.treeSize})` };
    }
    return s;
  });
  steps.push({ id: "transaction", label: TRANSACTION_LABEL, status: transaction.status, detail: transaction.detail });
  return {
    ok: base.ok && transaction.status === "pass" && !steps.some((s) => s.status === "fail"),
    receipt: r,
    latest: latest instanceof Error ? null : latest,
    steps,
  };
}
