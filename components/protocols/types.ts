/**
 * Client-side shapes of the sponsor and registry API (see the route contract in issue 4). These describe what the
 * browser receives; the server's zod schemas (lib/schemas/protocol.ts) decide what is valid.
 */
import type { Address, Hex } from "viem";

export interface Contact {
  name: string;
  email: string;
  affiliation: string;
}
export interface Outcome {
  title: string;
  measure: string;
  timeFrame: string;
}

/** The WHO TRDS protocol as the form edits it: every leaf a string, every group an array. */
export interface ProtocolForm {
  publicTitle: string;
  scientificTitle: string;
  secondaryIds: { issuer: string; id: string }[];
  monetarySupport: string[];
  primarySponsor: string;
  secondarySponsors: string[];
  publicContact: Contact;
  scientificContact: Contact;
  countries: string[];
  conditions: string[];
  interventions: { name: string; description: string }[];
  inclusionCriteria: string;
  exclusionCriteria: string;
  studyType: string;
  phase: string;
  allocation: string;
  masking: string;
  arms: { label: string; description: string }[];
  targetSampleSize: string;
  anticipatedFirstEnrollment: string;
  anticipatedCompletion: string;
  recruitmentStatus: string;
  ethicsReview: { committee: string; approvalDate: string; reference: string };
  ipdSharingStatement: string;
  primaryOutcomes: Outcome[];
  secondaryOutcomes: Outcome[];
}

export type ChainState = "awaiting_signature" | "confirmed";

export interface PendingCommitment {
  version: number;
  protocolHash: Hex;
  chainTrialId: Hex;
  anchorer: Address;
  contract: Address;
  chainId: number;
  summary: unknown;
}

export interface SponsorTrialVersion {
  version: number;
  reason: string | null;
  leafIndex: number | null;
  leafHash: Hex | null;
  chainState: ChainState;
  txHash: Hex | null;
  blockNumber: number | string | null;
  createdAt: string;
  /** The committed protocol of this version (for the amendment preview). */
  protocol?: Record<string, unknown> | null;
}

export interface SponsorTrialView {
  trial: { id: string; publicId: string; title: string; status: string };
  draft: { data: unknown; updatedAt: string | null } | null;
  versions: SponsorTrialVersion[];
  pending: PendingCommitment | null;
}

export interface RegistryItem {
  publicId: string;
  title: string;
  status: string;
  phase: string | null;
  /** "a; b" or a list, depending on the API version. */
  conditions: string[] | string | null;
  sponsor: string | null;
  countries: string[] | null;
  registeredAt: string | null;
  currentVersion: number;
}

export interface RegistryPage {
  items: RegistryItem[];
  total: number;
  page: number;
  pageSize: number;
}

export interface PublicVersion {
  version: number;
  reason: string | null;
  protocol: Record<string, unknown>;
  leafIndex: number | null;
  leafHash: Hex | null;
  txHash: Hex | null;
  blockNumber: number | string | null;
  blockTimestamp: string | number | null;
  chainState: string;
  anchoring: unknown;
}

export interface PublicTrialView {
  trial: { publicId: string; title: string; status: string; [key: string]: unknown };
  current: { version: number; protocol: Record<string, unknown> } | null;
  versions: PublicVersion[];
  chain: { chainId: number | null; contract: Address | null; chainTrialId: Hex; sponsor: Address | null };
}

/** Recruitment and lifecycle statuses a sponsor can set after registration (each is a record in the log). */
export const TRIAL_STATUS_CHOICES = ["recruiting", "active", "completed", "terminated", "withdrawn"] as const;
export const STATUSES_NEEDING_REASON = new Set(["terminated", "withdrawn"]);
