/**
 * Checks protocol versions against the sponsor's own commitments on chain (browser side): each version's stored
 * `protocol.version` envelope is hashed here with lib/integrity (RFC 8785 + RFC 9162 leaf hash) and compared with
 * the protocolHash of TrialRegistered (version 1) or ProtocolAmended (version n) read straight from the chain.
 */
import type { Address, Hex, PublicClient } from "viem";
import { canonicalize, leafHash } from "@/lib/integrity";
import { trialLedgerAbi } from "@/lib/chain/generated/trial-ledger";

export type StepStatus = "pass" | "fail" | "skip";
export interface Step {
  id: string;
  label: string;
  status: StepStatus;
  detail: string;
}
export interface VersionResult {
  version: number;
  ok: boolean;
  steps: Step[];
}
export interface ProtocolVerification {
  ok: boolean;
  chainSteps: Step[];
  versions: VersionResult[];
  /** Versions whose stored record does not match the sponsor's commitment (or has none). */
  failing: number[];
}

export interface VersionInput {
  version: number;
  protocol: Record<string, unknown>;
  committed: boolean;
}

const errText = (e: unknown) =>
  e && typeof e === "object" && "shortMessage" in e && typeof e.shortMessage === "string" ? e.shortMessage : e instanceof Error ? e.message.split("\n")[0]! : String(e);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export async function verifyProtocolVersions(args: {
  client: PublicClient;
  contract: Address;
  chainTrialId: Hex;
  publicId: string;
  expectedSponsor: Address | null;
  fromBlock: bigint;
  versions: VersionInput[];
  fetchEnvelope: (version: number) => Promise<unknown>;
}): Promise<ProtocolVerification> {
  const { client, contract, chainTrialId } = args;
  const chainSteps: Step[] = [];
  const commitments = new Map<number, Hex>();
  let chainOk = true;

  try {
    const [registered, amended] = await Promise.all([
      client.getContractEvents({ address: contract, abi: trialLedgerAbi, eventName: "TrialRegistered", args: { trialId: chainTrialId }, fromBlock: args.fromBlock, toBlock: "latest", strict: true }),
      client.getContractEvents({ address: contract, abi: trialLedgerAbi, eventName: "ProtocolAmended", args: { trialId: chainTrialId }, fromBlock: args.fromBlock, toBlock: "latest", strict: true }),
    ]);
    if (registered.length !== 1) {
      chainOk = false;
      chainSteps.push({
        id: "registered",
        label: "TrialRegistered event read from the chain",
        status: "fail",
        detail: registered.length === 0 ? `no TrialRegistered event for ${chainTrialId} at ${contract}` : `${registered.length} TrialRegistered events (expected one)`,
      });
    } else {
      const ev = registered[0]!;
      commitments.set(1, ev.args.protocolHash.toLowerCase() as Hex);
      const sponsorMatches = !args.expectedSponsor || ev.args.sponsor.toLowerCase() === args.expectedSponsor.toLowerCase();
      if (!sponsorMatches) chainOk = false;
      chainSteps.push({
        id: "registered",
        label: "TrialRegistered event read from the chain",
        status: sponsorMatches ? "pass" : "fail",
        detail: `block ${ev.blockNumber}, tx ${ev.transactionHash}: sponsor ${ev.args.sponsor} committed ${ev.args.protocolHash}${sponsorMatches ? "" : ` — the portal names sponsor ${args.expectedSponsor}`}`,
      });
    }
    for (const ev of amended) commitments.set(Number(ev.args.version), ev.args.protocolHash.toLowerCase() as Hex);
    chainSteps.push({
      id: "amended",
      label: "ProtocolAmended events read from the chain",
      status: "pass",
      detail: amended.length === 0 ? "no amendments on chain" : amended.map((e) => `version ${e.args.version} in block ${e.blockNumber}`).join("; "),
    });
  } catch (error) {
    chainOk = false;
    chainSteps.push({ id: "registered", label: "TrialRegistered event read from the chain", status: "fail", detail: `the chain could not be read: ${errText(error)}` });
  }

  const versions: VersionResult[] = [];
  for (const v of [...args.versions].sort((a, b) => a.version - b.version)) {
    const steps: Step[] = [];
    let hash: Hex | null = null;
    try {
      let envelope = await args.fetchEnvelope(v.version);
      if (isRecord(envelope) && !("kind" in envelope) && isRecord(envelope.envelope)) envelope = envelope.envelope;
      const e = isRecord(envelope) ? envelope : {};
      const body = isRecord(e.body) ? e.body : {};
      const shapeOk = e.kind === "protocol.version" && e.trial === args.publicId && body.version === v.version;
      steps.push({
        id: "envelope",
        label: "Stored record fetched",
        status: shapeOk ? "pass" : "fail",
        detail: shapeOk ? `protocol.version record of ${args.publicId}, version ${v.version}` : `the record is not version ${v.version} of ${args.publicId} (kind ${String(e.kind)}, trial ${String(e.trial)}, version ${String(body.version)})`,
      });
      hash = leafHash(canonicalize(envelope));
      steps.push({ id: "hash", label: "Leaf hash computed in this browser", status: "pass", detail: hash });
      const shown = isRecord(body.protocol) && canonicalize(body.protocol) === canonicalize(v.protocol);
      steps.push({
        id: "shown",
        label: "The protocol shown on this page is the one in the record",
        status: shown ? "pass" : "fail",
        detail: shown ? "identical (canonical JSON)" : "the page shows a different protocol than the stored record",
      });
    } catch (error) {
      steps.push({ id: "envelope", label: "Stored record fetched", status: "fail", detail: errText(error) });
    }
    const committed = commitments.get(v.version);
    if (!committed) {
      steps.push({
        id: "match",
        label: "Matches the sponsor's commitment on chain",
        status: v.committed ? "fail" : "skip",
        detail: v.committed ? `the chain has no commitment for version ${v.version}` : `version ${v.version} is not committed on chain yet (awaiting the sponsor's signature)`,
      });
    } else {
      const match = hash !== null && hash === committed;
      steps.push({
        id: "match",
        label: "Matches the sponsor's commitment on chain",
        status: match ? "pass" : "fail",
        detail: match ? `the sponsor committed ${committed}` : `the stored record hashes to ${hash ?? "(nothing)"}, but the sponsor committed ${committed}`,
      });
    }
    versions.push({ version: v.version, ok: steps.every((s) => s.status !== "fail"), steps });
  }

  const failing = versions.filter((v) => !v.ok).map((v) => v.version);
  return { ok: chainOk && failing.length === 0 && versions.length > 0, chainSteps, versions, failing };
}
