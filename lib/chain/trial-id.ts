/** Trial ids on TrialLedger (docs/ledger.md#trial-ids): defined once in lib/integrity, where the verifiers need them. */
export { chainTrialId, publicIdHash } from "@/lib/integrity/trial-id";
