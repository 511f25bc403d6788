import {
  BaseError,
  ContractFunctionRevertedError,
  decodeErrorResult,
  HttpRequestError,
  isHex,
  SocketClosedError,
  TimeoutError,
  WebSocketRequestError,
  type Hex,
} from "viem";
import { trialLedgerAbi } from "../generated/trial-ledger";

/** A TrialLedger custom error, decoded. */
export interface LedgerRevert {
  errorName: string;
  args: readonly unknown[];
}

function causes(error: unknown): unknown[] {
  const out: unknown[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 12; depth++) {
    out.push(current);
    current = (current as { cause?: unknown }).cause;
  }
  return out;
}

/**
 * True when the error means "the chain could not be reached" (connection refused, DNS, timeout, closed socket),
 * as opposed to an answer from the chain (a revert, a rejected transaction).
 */
export function isChainUnreachable(error: unknown): boolean {
  return causes(error).some(
    (e) =>
      e instanceof HttpRequestError ||
      e instanceof TimeoutError ||
      e instanceof WebSocketRequestError ||
      e instanceof SocketClosedError ||
      (e instanceof Error && /ECONNREFUSED|ECONNRESET|ENOTFOUND|EHOSTUNREACH|fetch failed|socket hang up/i.test(e.message)),
  );
}

/** The raw revert data carried by a viem error, if any (`0x…` with at least a 4-byte selector). */
export function revertDataOf(error: unknown): Hex | undefined {
  for (const e of causes(error)) {
    const data = (e as { data?: unknown }).data;
    if (typeof data === "string" && isHex(data) && data.length >= 10) return data;
    const nested = (data as { data?: unknown } | undefined)?.data;
    if (typeof nested === "string" && isHex(nested) && nested.length >= 10) return nested;
    // Some nodes only put the data into the message ("... return data: 0x…)").
    if (e instanceof Error) {
      const m = /return data: (0x[0-9a-fA-F]{8,})/.exec((e as BaseError).details ?? e.message);
      if (m) return m[1] as Hex;
    }
  }
  return undefined;
}

/** Decodes a TrialLedger custom error from a viem error (simulate, estimate, call), if it is one. */
export function ledgerRevertOf(error: unknown): LedgerRevert | undefined {
  if (error instanceof BaseError) {
    const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
    if (reverted instanceof ContractFunctionRevertedError && reverted.data?.errorName) {
      return { errorName: reverted.data.errorName, args: reverted.data.args ?? [] };
    }
  }
  const data = revertDataOf(error);
  if (!data) return undefined;
  try {
    const decoded = decodeErrorResult({ abi: trialLedgerAbi, data });
    return { errorName: decoded.errorName, args: decoded.args ?? [] };
  } catch {
    return undefined;
  }
}

/** True when the chain answered with a revert (as opposed to being unreachable or refusing the request). */
export function isRevert(error: unknown): boolean {
  if (ledgerRevertOf(error)) return true;
  return causes(error).some((e) => e instanceof ContractFunctionRevertedError || (e instanceof Error && /revert/i.test(e.message)));
}

export function formatRevert(revert: LedgerRevert): string {
  const args = revert.args.map((a) => (typeof a === "bigint" ? a.toString() : String(a)));
  return `${revert.errorName}(${args.join(", ")})`;
}

/** A one-line description of a chain error for logs and the batch's `error` column: no stack, no request dump. */
export function describeChainError(error: unknown): string {
  const revert = ledgerRevertOf(error);
  if (revert) return `reverted: ${formatRevert(revert)}`;
  if (error instanceof BaseError) {
    const details = error.details && error.details !== error.shortMessage ? ` (${error.details})` : "";
    return `${error.shortMessage}${details}`.replace(/\s+/g, " ").slice(0, 500);
  }
  return (error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ").slice(0, 500);
}
