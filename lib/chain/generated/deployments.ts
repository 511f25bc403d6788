// ---------------------------------------------------------------------------------------------------------
// GENERATED FILE - DO NOT EDIT.
// Written by scripts/deploy-contract.ts: TrialLedger deployments by chain id (decimal string).
// The local dev chain (31337) is not recorded unless --record is given: it is reset on every start.
// ---------------------------------------------------------------------------------------------------------

export interface TrialLedgerDeploymentRecord {
  address: `0x${string}`;
  blockNumber: number;
  txHash: `0x${string}`;
}

export const trialLedgerDeployments: Readonly<Record<string, TrialLedgerDeploymentRecord>> = {};
