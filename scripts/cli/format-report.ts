/**
 * Plain-text reports for the `trialproof` CLI: only failing records in detail, then reasons, warnings and a
 * one-line summary. Pure functions (string in, string out), so the output can be tested without a chain.
 */
import { FAILING_VERDICTS, VERDICTS, type RecordReport } from "@/lib/integrity";
import type { BundleChainVerification } from "@/lib/chain/verify-bundle-on-chain";
import type { ReceiptChainResult } from "@/lib/chain/verify-receipt-on-chain";
import type { PublicTrialVerification } from "@/lib/chain/verify-public-trial";
import type { CheckStep } from "@/lib/chain/verify-protocol-versions";

const MAX_DETAILED = 200;

function recordLine(r: RecordReport): string {
  const kind = r.kind ?? "(no record)";
  const notes = r.notes.length > 0 ? `  ${r.notes.join("; ")}` : "";
  return `  #${r.index}  ${kind}  ${r.verdict.toUpperCase()}${notes}`;
}

export function formatBundleVerification(v: BundleChainVerification, meta: { publicId: string; rpcUrl: string; pinned: boolean }): string {
  const { report } = v;
  const lines: string[] = [];
  lines.push(`Audit bundle of ${meta.publicId}`);
  lines.push(
    `Chain ${v.chainId} via ${meta.rpcUrl}, TrialLedger ${v.contract}${meta.pinned ? "" : " (as named in the bundle; pin it with --contract)"}`,
  );
  const at = v.verifiedAgainst;
  const where = at.txHash ? ` (tx ${at.txHash}, block ${at.blockNumber})` : "";
  lines.push(`Checked against the checkpoint of size ${at.treeSize}, root ${at.rootHash}${where}`);
  lines.push(`Latest checkpoint on chain: size ${v.latest.treeSize}; ${v.history.length} checkpoint(s) in the trial's history`);
  for (const note of v.notes) lines.push(`Note: ${note}`);

  const failing = report.records.filter((r) => FAILING_VERDICTS.has(r.verdict) && r.verdict !== "unverified");
  const unverified = report.records.filter((r) => r.verdict === "unverified");
  if (failing.length > 0 || unverified.length > 0) {
    lines.push("", `Failing records (${failing.length + unverified.length}):`);
    for (const r of failing.slice(0, MAX_DETAILED)) lines.push(recordLine(r));
    if (failing.length > MAX_DETAILED) lines.push(`  … and ${failing.length - MAX_DETAILED} more (use --json for all)`);
    if (unverified.length > 0) {
      const first = unverified[0]!.index;
      const last = unverified[unverified.length - 1]!.index;
      lines.push(`  #${first}…#${last}  ${unverified.length} record(s) UNVERIFIED: no chain root covers them after the change above`);
    }
  }
  // Per-record reasons repeat the lines above; the rest (root mismatch, narrowed range, checkpoint) stay.
  const listed = /^#\d+( \([^)]*\))?: (modified|missing|inserted|reordered|unverified)\b/;
  const problems = [...v.problems, ...report.reasons.filter((r) => !listed.test(r))];
  if (problems.length > 0) {
    lines.push("", "Why it fails:");
    for (const p of problems) lines.push(`  - ${p}`);
  }
  if (report.warnings.length > 0) {
    lines.push("", "Warnings (do not fail verification):");
    for (const w of report.warnings) lines.push(`  - ${w}`);
  }
  const counts = VERDICTS.filter((verdict) => report.counts[verdict] > 0).map((verdict) => `${report.counts[verdict]} ${verdict}`);
  lines.push("", `${report.records.length} record(s): ${counts.join(", ") || "none"}`);
  lines.push(v.ok ? "RESULT: VERIFIED — every anchored record matches the chain." : "RESULT: FAILED — the bundle does not verify against the chain.");
  return lines.join("\n");
}

export function formatReceiptVerification(v: ReceiptChainResult, meta: { rpcUrl: string; pinned: boolean }): string {
  const lines: string[] = [];
  if (v.receipt) {
    lines.push(`Receipt for leaf ${v.receipt.leafIndex} of trial ${v.receipt.chainTrialId}`);
    lines.push(
      `Chain ${v.receipt.chainId} via ${meta.rpcUrl}, TrialLedger ${v.receipt.contract}${meta.pinned ? "" : " (as named in the receipt; pin it with --contract)"}`,
    );
  }
  lines.push("");
  for (const s of v.steps) lines.push(`  ${s.status.toUpperCase().padEnd(4)}  ${s.label}: ${s.detail}`);
  lines.push(
    "",
    v.ok ? "RESULT: VERIFIED — the record is in the trial's log as anchored on chain." : "RESULT: FAILED — the receipt does not verify.",
  );
  return lines.join("\n");
}

const stepLine = (s: CheckStep) => `  ${s.status.toUpperCase().padEnd(4)}  ${s.label}: ${s.detail}`;

export function formatProtocolVerification(
  v: PublicTrialVerification,
  meta: { publicId: string; portal: string; rpcUrl: string; pinned: boolean; problems: readonly string[] },
): string {
  const lines: string[] = [];
  lines.push(`Protocol of ${meta.publicId} as published by ${meta.portal}`);
  lines.push(
    `Chain ${v.chainId} via ${meta.rpcUrl}, TrialLedger ${v.contract}${meta.pinned ? "" : " (as named by the portal; pin it with --contract)"}, read at block ${v.blockNumber}`,
  );
  lines.push("", "On chain:");
  for (const s of [...v.chainSteps, v.checkpointStep]) lines.push(stepLine(s));
  for (const version of v.versions) {
    lines.push("", `Version ${version.version}: ${version.ok ? "OK" : "FAILED"}`);
    for (const s of version.steps) lines.push(stepLine(s));
  }
  const reasons = [
    ...meta.problems,
    ...v.failing.map((n) => `version ${n} does not match the sponsor's commitment on chain`),
    ...v.notAnchored.filter((n) => !v.failing.includes(n)).map((n) => `version ${n} is not in the checkpoint shown as anchored`),
    ...[...v.chainSteps, v.checkpointStep].filter((s) => s.status === "fail").map((s) => `${s.label.toLowerCase()}: failed`),
  ];
  if (reasons.length > 0) {
    lines.push("", "Why it fails:");
    for (const r of reasons) lines.push(`  - ${r}`);
  }
  lines.push(
    "",
    reasons.length === 0 && v.ok
      ? "RESULT: VERIFIED — every published version matches the sponsor's commitment on chain" +
          (v.checkpointStep.status === "pass" ? ", and the checkpoint shown as anchored is on chain with every anchored version in it." : ".")
      : "RESULT: FAILED — the published protocol does not verify against the chain.",
  );
  return lines.join("\n");
}
