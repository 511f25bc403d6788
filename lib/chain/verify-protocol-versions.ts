/**
 * Protocol versions against the sponsor's own commitments on TrialLedger (docs/ledger.md#protocol-versions): each version's stored
 * `protocol.version` record is hashed here with lib/integrity (RFC 8785 canonical JSON, RFC 9162 leaf hash) and
 * must equal the protocolHash of TrialRegistered (version 1) or ProtocolAmended (version n), in order, committed by
 * the sponsor the portal names. Pure over a TrialLedgerView (one chain read), so the browser, the CLI and tests run
 * the same checks. Isomorphic.
 */
import type { Hex } from "viem";
import { canonicalize, leafHash, type StepStatus } from "@/lib/integrity";
import { sameAddress } from "./ledger-reader";
import { eventsNamed } from "./trial-ledger-events";
import type { TrialLedgerView } from "./trial-ledger-view";

export interface CheckStep {
  readonly id: string;
  readonly label: string;
  readonly status: StepStatus;
  readonly detail: string;
}

/** One version as the portal publishes it. */
export interface ProtocolVersionClaim {
  readonly version: number;
  /** The stored `protocol.version` record (any JSON value: it is what is being checked). */
  readonly envelope: unknown;
  /** The protocol a page displays for this version; when given, it must be the record's. */
  readonly shownProtocol?: unknown;
}

export interface ProtocolVersionsClaim {
  readonly publicId: string;
  /** The sponsor wallet the portal names; null or absent: not checked. */
  readonly expectedSponsor?: string | null;
  readonly versions: readonly ProtocolVersionClaim[];
}

export interface VersionVerification {
  readonly version: number;
  readonly ok: boolean;
  /** The leaf hash recomputed from the record (null when it could not be hashed). */
  readonly leafHash: Hex | null;
  readonly steps: CheckStep[];
}

export interface ProtocolVerification {
  readonly ok: boolean;
  /** Registration, sponsor and the sequence of versions on chain. */
  readonly chainSteps: CheckStep[];
  readonly versions: VersionVerification[];
  /** Versions with a failing step: their record is not the one the sponsor committed (or not the one shown). */
  readonly failing: number[];
}

interface Commitment {
  readonly hash: Hex;
  readonly where: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const at = (e: { blockNumber: bigint | null; transactionHash: Hex | null }) => `block ${e.blockNumber ?? "?"}, tx ${e.transactionHash ?? "?"}`;

/** The sponsor's commitments, version by version, and what is wrong with their sequence on chain. */
function readCommitments(
  view: TrialLedgerView,
  shown: ReadonlySet<number>,
): { commitments: Map<number, Commitment>; steps: CheckStep[]; sponsor: string | null } {
  const steps: CheckStep[] = [];
  const commitments = new Map<number, Commitment>();
  const registered = eventsNamed(view.events, "TrialRegistered");
  const scanned = `on TrialLedger ${view.contract} from block ${view.fromBlock} to ${view.blockNumber}`;
  const label = "Trial registered on chain";
  let sponsor: string | null = null;
  if (registered.length === 1) {
    const ev = registered[0]!;
    sponsor = ev.sponsor;
    commitments.set(1, { hash: ev.protocolHash, where: at(ev) });
    const agrees = view.sponsor !== null && sameAddress(view.sponsor, ev.sponsor);
    steps.push({
      id: "registered",
      label,
      status: agrees ? "pass" : "fail",
      detail: agrees
        ? `${at(ev)}: sponsor ${ev.sponsor} registered ${view.chainTrialId}`
        : `the TrialRegistered event names sponsor ${ev.sponsor}, the contract's state ${view.sponsor ?? "no sponsor"}`,
    });
  } else {
    steps.push({
      id: "registered",
      label,
      status: "fail",
      detail:
        registered.length > 1
          ? `${registered.length} TrialRegistered events for ${view.chainTrialId} (a trial is registered once)`
          : view.sponsor !== null
            ? `the contract holds ${view.chainTrialId} (sponsor ${view.sponsor}), but no TrialRegistered event was found ${scanned}: read from an earlier block`
            : `${view.chainTrialId} is not registered ${scanned}`,
    });
  }

  const problems: string[] = [];
  let expected = 2;
  for (const ev of eventsNamed(view.events, "ProtocolAmended")) {
    if (ev.version !== expected) problems.push(`ProtocolAmended for version ${ev.version} (${at(ev)}) where version ${expected} was due`);
    if (commitments.has(ev.version)) problems.push(`version ${ev.version} is committed twice`);
    else commitments.set(ev.version, { hash: ev.protocolHash, where: at(ev) });
    expected = Math.max(expected, ev.version + 1);
  }
  if (registered.length === 1 && commitments.size !== view.protocolVersions) {
    problems.push(`the contract holds ${view.protocolVersions} version(s), but ${commitments.size} commitment event(s) were found ${scanned}`);
  }
  const hidden = [...commitments.keys()].filter((v) => !shown.has(v)).sort((a, b) => a - b);
  for (const v of hidden) problems.push(`version ${v} is committed on chain (${commitments.get(v)!.where}) but the portal does not show it`);
  const listed = [...commitments.keys()].sort((a, b) => a - b);
  steps.push({
    id: "versions",
    label: "Protocol versions committed on chain, in order",
    status: problems.length === 0 && registered.length === 1 ? "pass" : "fail",
    detail:
      problems.length > 0
        ? problems.join("; ")
        : registered.length !== 1
          ? "not checked: the registration was not found"
          : listed.map((v) => `version ${v} in ${commitments.get(v)!.where}`).join("; "),
  });
  return { commitments, steps, sponsor };
}

function sponsorStep(expected: string | null | undefined, onChain: string | null): CheckStep {
  const label = "The sponsor the portal names is the one on chain";
  if (!expected) return { id: "sponsor", label, status: "skip", detail: "the portal names no sponsor wallet" };
  if (onChain === null)
    return {
      id: "sponsor",
      label,
      status: "fail",
      detail: `the chain has no registration of this trial by ${expected}, the sponsor the portal names`,
    };
  return sameAddress(expected, onChain)
    ? { id: "sponsor", label, status: "pass", detail: `${onChain} registered the trial and alone can amend it` }
    : {
        id: "sponsor",
        label,
        status: "fail",
        detail: `the portal names sponsor ${expected}, but ${onChain} registered the trial on chain`,
      };
}

function verifyVersion(claim: ProtocolVersionClaim, publicId: string, commitment: Commitment | undefined, seen: Set<number>): VersionVerification {
  const n = claim.version;
  const steps: CheckStep[] = [];
  const e = isRecord(claim.envelope) ? claim.envelope : {};
  const body = isRecord(e.body) ? e.body : {};
  const recordLabel = `Record is version ${n} of ${publicId}`;
  if (seen.has(n)) {
    steps.push({ id: "record", label: recordLabel, status: "fail", detail: `version ${n} is listed more than once` });
  } else if (e.kind === "protocol.version" && e.trial === publicId && body.version === n) {
    steps.push({
      id: "record",
      label: recordLabel,
      status: "pass",
      detail: `protocol.version record of ${publicId}, version ${n}`,
    });
  } else {
    const what =
      e.kind === "protocol.version" && e.trial === publicId && typeof body.version === "number"
        ? `the record served as version ${n} is version ${body.version}'s record`
        : `not a protocol.version record of ${publicId} version ${n} (kind ${String(e.kind)}, trial ${String(e.trial)}, version ${String(body.version)})`;
    steps.push({ id: "record", label: recordLabel, status: "fail", detail: what });
  }
  seen.add(n);

  let hash: Hex | null = null;
  try {
    hash = leafHash(canonicalize(claim.envelope));
    steps.push({ id: "hash", label: "Leaf hash recomputed from the record", status: "pass", detail: hash });
  } catch (error) {
    steps.push({
      id: "hash",
      label: "Leaf hash recomputed from the record",
      status: "fail",
      detail: `the record cannot be hashed: ${error instanceof Error ? error.message : String(error)}`,
    });
  }

  if (claim.shownProtocol !== undefined) {
    let same = false;
    try {
      same = isRecord(body.protocol) && canonicalize(body.protocol) === canonicalize(claim.shownProtocol);
    } catch {
      same = false;
    }
    steps.push({
      id: "shown",
      label: "The protocol shown is the one in the record",
      status: same ? "pass" : "fail",
      detail: same ? "identical (canonical JSON)" : "the page shows a different protocol than the stored record",
    });
  }

  const matchLabel = `Matches the sponsor's commitment for version ${n} on chain`;
  if (!commitment) {
    steps.push({
      id: "match",
      label: matchLabel,
      status: "fail",
      detail: `the chain has no commitment for version ${n}`,
    });
  } else if (hash !== null && hash === commitment.hash) {
    steps.push({
      id: "match",
      label: matchLabel,
      status: "pass",
      detail: `the sponsor committed ${commitment.hash} (${commitment.where})`,
    });
  } else {
    steps.push({
      id: "match",
      label: matchLabel,
      status: "fail",
      detail: `the record hashes to ${hash ?? "(nothing)"}, but the sponsor committed ${commitment.hash} (${commitment.where})`,
    });
  }
  return { version: n, ok: steps.every((s) => s.status !== "fail"), leafHash: hash, steps };
}

/** Verifies every claimed version against `view`; a portal that shows no version does not verify. */
export function verifyProtocolVersions(view: TrialLedgerView, claim: ProtocolVersionsClaim): ProtocolVerification {
  const ordered = [...claim.versions].sort((a, b) => a.version - b.version);
  const { commitments, steps, sponsor } = readCommitments(view, new Set(ordered.map((v) => v.version)));
  const chainSteps = [...steps, sponsorStep(claim.expectedSponsor, sponsor)];
  const seen = new Set<number>();
  const versions = ordered.map((v) => verifyVersion(v, claim.publicId, commitments.get(v.version), seen));
  const failing = versions.filter((v) => !v.ok).map((v) => v.version);
  const ok = versions.length > 0 && failing.length === 0 && chainSteps.every((s) => s.status !== "fail");
  return { ok, chainSteps, versions, failing };
}
