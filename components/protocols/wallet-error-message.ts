import { BaseError, ContractFunctionRevertedError, UserRejectedRequestError, type Address } from "viem";
import { messageOf } from "@/components/api-client";
import { shortAddress } from "@/components/wallet/short-address";

const REJECTED =
  "You rejected the request in your wallet. Nothing was sent to the chain: the trial stays “awaiting sponsor signature” and you can sign later.";

/** Readable text for a revert of TrialLedger (custom errors) or a wallet failure. */
export function walletErrorMessage(error: unknown, account: Address | undefined): string {
  if (error instanceof BaseError) {
    if (error.walk((e) => e instanceof UserRejectedRequestError)) return REJECTED;
    const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
    if (reverted instanceof ContractFunctionRevertedError) {
      const name = reverted.data?.errorName;
      switch (name) {
        case "TrialAlreadyRegistered":
          return "The chain refuses this: the trial is already registered on chain. Nothing was sent. If you registered it from another tab, reload the page.";
        case "NotSponsor":
          return `The chain refuses this: the connected wallet ${account ? shortAddress(account) : ""} is not this trial's sponsor on chain. Connect the wallet that registered the trial.`;
        case "TrialNotRegistered":
          return "The chain refuses this: the trial is not registered on chain yet, so it cannot be amended.";
        case "ZeroProtocolHash":
          return "The chain refuses this: the protocol hash is empty.";
        case "ZeroAddress":
          return "The chain refuses this: the anchorer address is empty.";
        case "TooManyProtocolVersions":
          return "The chain refuses this: the trial has reached the maximum number of protocol versions.";
        default:
          if (name) return `The chain refuses this transaction (${name}). Nothing was sent.`;
          return `The chain refuses this transaction: ${reverted.reason ?? reverted.shortMessage}`;
      }
    }
    if ((error as { code?: number }).code === 4001 || /user rejected|user denied/i.test(error.message)) return REJECTED;
    return error.shortMessage;
  }
  return messageOf(error);
}
