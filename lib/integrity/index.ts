/**
 * lib/integrity: pure, isomorphic integrity primitives (no I/O, no Node-only API). Used unchanged by the browser
 * verifier, the CLI and the server. See docs/README.md#documents.
 */
export { type Hex, HexError, bytesToHex, hexToBytes, tryHexToBytes, isHex, isHashHex, bytesEqual, HASH_HEX_PATTERN } from "./hex";
export { canonicalize, assertJsonValue, CanonicalizationError } from "./canonical";
export { chainTrialId, publicIdHash } from "./trial-id";
export {
  leafHash,
  leafHashBytes,
  leafHashOfCanonicalBytes,
  nodeHash,
  nodeHashBytes,
  EMPTY_ROOT,
  emptyRoot,
  emptyRootBytes,
  HASH_BYTES,
} from "./hash";
export { rootFromLeafHashes, rootFromLeafHashBytes, subtreeRootBytes, decodeHashList, treeHeight } from "./tree";
export { CompactRange, type PerfectSubtree } from "./compact-range";
export {
  inclusionProof,
  inclusionProofBytes,
  consistencyProof,
  consistencyProofBytes,
  verifyInclusion,
  verifyConsistency,
  verifyConsistencyBytes,
  rootFromInclusionProof,
  rootFromInclusionProofBytes,
} from "./proofs";
export {
  type PerfectRange,
  type ProofPlan,
  type ProofElementPlan,
  type GetSubtreeHash,
  inclusionProofPlan,
  consistencyProofPlan,
  planRanges,
  assembleProof,
  assembleProofBytes,
  inclusionProofFromSubtrees,
  consistencyProofFromSubtrees,
  rootFromSubtrees,
  compactRangeNodes,
  perfectRangeId,
  isPerfectRange,
} from "./subtree-proofs";
export { type Issue, type ParseResult, formatPath } from "./issues";
export {
  type Envelope,
  type EnvelopeOf,
  type Actor,
  type BuildEnvelopeInput,
  envelopeSchema,
  actorSchema,
  parseEnvelope,
  buildEnvelope,
  envelopeLeafHash,
  canonicalEnvelope,
  randomSalt,
  EnvelopeError,
  ENVELOPE_VERSION,
  SALT_PATTERN,
} from "./envelope";
export * from "./kinds/index";
export { type SignatureManifestation, manifestationCommitment, verifyManifestation } from "./consent-commitment";
export { type AuditBundle, type BundleLeaf, type BundleCheckpoint, auditBundleSchema, parseAuditBundle, bundleLeaf, BUNDLE_FORMAT } from "./bundle";
export {
  type Verdict,
  type ChainCheckpoint,
  type RecordReport,
  type BundleReport,
  type VerifyBundleOptions,
  verifyBundle,
  VERDICTS,
  FAILING_VERDICTS,
} from "./verify-bundle";
export {
  type Receipt,
  type ReceiptChainView,
  type ReceiptStep,
  type ReceiptStepId,
  type StepStatus,
  type ReceiptVerification,
  receiptSchema,
  parseReceipt,
  verifyReceiptSteps,
} from "./receipt";
