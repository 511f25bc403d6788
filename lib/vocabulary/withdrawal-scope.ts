/** What a participant's withdrawal ends (the consent.withdrawn record names it). */
import { z } from "zod";
import { WITHDRAWAL_SCOPES } from "../integrity/kinds/consent-lists";

export { WITHDRAWAL_SCOPES };
export type WithdrawalScope = (typeof WITHDRAWAL_SCOPES)[number];
export const ZWithdrawalScope = z.enum(WITHDRAWAL_SCOPES, `Withdrawal scope must be one of: ${WITHDRAWAL_SCOPES.join(", ")}`);

export const WITHDRAWAL_SCOPE_LABEL: Record<WithdrawalScope, string> = {
  all: "All further participation",
  data_collection: "Further data collection only",
  choice: "One optional part of the study",
};

/** Scopes after which no further outcome data may be recorded for the participant. */
export const WITHDRAWAL_SCOPES_ENDING_DATA: readonly WithdrawalScope[] = ["all", "data_collection"];
