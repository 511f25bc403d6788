import "server-only";
import { and, eq } from "drizzle-orm";
import { getAddress, type Hash, type TransactionReceipt } from "viem";
import { publicClient } from "@/lib/chain/clients";
import { chainTrialId } from "@/lib/chain/trial-id";
import { decodeTrialLedgerLogs } from "@/lib/chain/trial-ledger-events";
import { db, type Database } from "@/lib/db/client";
import { organization, protocolPreparation, protocolVersion, trial } from "@/lib/db/schema";
import type { TChainConfirmationRequest } from "@/lib/schemas/protocol";
import { registryColumnsOf } from "@/lib/protocols/registry-columns";
import { recordDomainChange } from "@/lib/server/audit/record-domain-change";
import type { Viewer } from "@/lib/server/auth/viewer";
import { AppError } from "@/lib/server/errors/app-error";
import { foreignAnchorerProblem, refuseUntilConfirmed } from "@/lib/server/anchoring/registration-checks";
import { setChainRegistration, storedChainTrialId } from "@/lib/server/log/ensure-log";
import { chainTarget } from "./chain-target";
import {
  closedPreparationsOf,
  pendingPreparationOf,
  preparationByHash,
  preparedProtocolOf,
  preparedReasonOf,
  versionsOf,
  type PreparationRow,
} from "./protocol-versions";
import { sponsorActor, sponsorTrialFor, type TrialRow } from "./sponsor-trial-access";

const refuse = (message: string) => new AppError("UNPROCESSABLE", message, { txHash: [message] });
const utc = (d: Date | null) => (d ? `${d.toISOString().slice(0, 16).replace("T", " ")} UTC` : "an unknown time");

/** Nothing awaits a signature: say so, and name the version the sponsor discarded last, if that is why. */
async function nothingAwaits(database: Database, row: TrialRow): Promise<AppError> {
  const [last] = await closedPreparationsOf(database, row.id);
  const hint = last?.state === "discarded" ? ` Version ${last.version} was discarded at ${utc(last.closedAt)}: prepare it again to sign it.` : "";
  return new AppError("CONFLICT", `Nothing of ${row.publicId} awaits a signature.${hint}`);
}

/** The transaction commits to another hash than the pending one: a discarded or superseded preparation is named. */
async function notThePending(database: Database, row: TrialRow, pending: PreparationRow, committed: string): Promise<AppError> {
  const other = await preparationByHash(database, row.id, committed);
  if (other && (other.state === "discarded" || other.state === "superseded")) {
    return refuse(
      `That transaction commits to version ${other.version} as prepared at ${utc(other.createdAt)}, which was ${other.state} at ${utc(other.closedAt)}: a discarded version is never added to the log. Sign version ${pending.version} awaiting signature (protocol hash ${pending.leafHash}) instead.`,
    );
  }
  return refuse(`The transaction commits to protocol hash ${committed}, not to version ${pending.version} awaiting signature (${pending.leafHash}).`);
}

/**
 * The sponsor's transaction for the version awaiting signature, checked by the portal itself (never on the
 * browser's word): the receipt is read from the configured chain and must be successful, from a wallet linked to
 * the viewer, and carry TrialRegistered (version 1) or ProtocolAmended (n+1) from the configured TrialLedger with
 * this trial's chainTrialId (for a registration, the one TrialLedger derives from that wallet, which is then stored
 * on the log head) and exactly the pending protocolHash. Only then, in one transaction, the prepared
 * `protocol.version` envelope is appended to the log exactly as it was built (so its leaf hash is the committed
 * protocolHash), the version row created, the preparation marked confirmed, and the trial registered and its
 * registry columns refreshed. Any mismatch: 422, nothing stored (a transaction committing to a discarded
 * preparation is named as such; a registration naming another anchorer than the portal's, which could never be
 * checkpointed, too). Not mined yet, or fewer than ANCHOR_CONFIRMATIONS blocks on top: 409, try again.
 */
export async function confirmProtocolOnChain(viewer: Viewer, trialId: string, request: TChainConfirmationRequest) {
  const database = await db();
  const txHash = request.txHash.toLowerCase() as Hash;
  const pre = await sponsorTrialFor(database, viewer, trialId);
  const pending = await pendingPreparationOf(database, trialId);
  if (!pending) throw await nothingAwaits(database, pre);
  const target = await chainTarget(database);
  const client = publicClient();

  let receipt: TransactionReceipt;
  try {
    receipt = await client.getTransactionReceipt({ hash: txHash });
  } catch (error) {
    if ((error as { name?: string }).name === "TransactionReceiptNotFoundError") {
      throw new AppError("CONFLICT", "That transaction is not mined yet: try again in a moment.");
    }
    throw new AppError("CONFLICT", "The chain could not be reached to read the transaction: try again in a moment.");
  }
  if (receipt.status !== "success") throw refuse("That transaction reverted on chain: nothing was registered.");
  await refuseUntilConfirmed(client, receipt.blockNumber);
  const sender = receipt.from.toLowerCase();
  if (!viewer.wallets.some((w) => w.toLowerCase() === sender)) {
    throw refuse(
      `The transaction was sent from ${getAddress(sender)}, which is not a wallet linked to your account. Link it with Sign-In with Ethereum first.`,
    );
  }
  // Registration: the id TrialLedger derives from the sending wallet; amendment: the id the trial was registered as.
  const expectedTrialId = pending.version === 1 ? chainTrialId(sender, pre.publicId) : await storedChainTrialId(database, pre.publicId);
  if (!expectedTrialId) throw refuse(`${pre.publicId} has no registration on chain to amend.`);
  const events = decodeTrialLedgerLogs(receipt.logs, { contract: target.contract });
  let onChainSponsor: string;
  if (pending.version === 1) {
    const ev = events.find((e) => e.name === "TrialRegistered");
    if (!ev || ev.name !== "TrialRegistered") throw refuse("That transaction did not register a trial on the portal's TrialLedger.");
    if (ev.trialId !== expectedTrialId) throw refuse(`That transaction registered another trial, not ${pre.publicId}.`);
    if (ev.protocolHash !== pending.leafHash) throw await notThePending(database, pre, pending, ev.protocolHash);
    const anchorerProblem = await foreignAnchorerProblem(client, target, ev);
    if (anchorerProblem) throw refuse(anchorerProblem);
    onChainSponsor = ev.sponsor.toLowerCase();
  } else {
    const ev = events.find((e) => e.name === "ProtocolAmended");
    if (!ev || ev.name !== "ProtocolAmended") throw refuse("That transaction did not amend a protocol on the portal's TrialLedger.");
    if (ev.trialId !== expectedTrialId) throw refuse(`That transaction amended another trial, not ${pre.publicId}.`);
    if (ev.protocolHash !== pending.leafHash) throw await notThePending(database, pre, pending, ev.protocolHash);
    if (ev.version !== pending.version) throw refuse(`That transaction records version ${ev.version}, not version ${pending.version}.`);
    const v1 = (await versionsOf(database, trialId)).find((v) => v.version === 1);
    onChainSponsor = (v1?.sender ?? "").toLowerCase();
  }
  if (onChainSponsor !== sender) throw refuse("The transaction's sender is not the trial's sponsor on chain.");
  const block = await client.getBlock({ blockNumber: receipt.blockNumber });
  const blockTimestamp = new Date(Number(block.timestamp) * 1000);

  return database.transaction(async (tx) => {
    const row = await sponsorTrialFor(tx, viewer, trialId, { lock: true });
    const current = await pendingPreparationOf(tx, trialId);
    if (current?.leafHash !== pending.leafHash) {
      throw new AppError("CONFLICT", `Version ${pending.version} of ${row.publicId} was confirmed or discarded meanwhile: reload the page.`);
    }
    if (current.version === 1) await setChainRegistration(tx, row.publicId, sender);
    const record = await recordDomainChange(tx, sponsorActor(viewer, row), {
      kind: "protocol.version",
      trial: row,
      body: current.envelope.body,
      prepared: current.envelope,
    });
    // The appended envelope is the prepared one, byte for byte: anything else would break the chain commitment.
    if (record.leafHash !== current.leafHash) throw new Error(`appended protocol.version hashes to ${record.leafHash}, prepared ${current.leafHash}`);
    const protocol = preparedProtocolOf(current);
    const confirmedAt = new Date();
    await tx.insert(protocolVersion).values({
      trialId,
      version: current.version,
      protocol,
      reason: preparedReasonOf(current),
      leafIndex: record.index,
      leafHash: current.leafHash,
      createdAt: current.createdAt,
      createdBy: current.createdBy,
      chainState: "confirmed",
      txHash,
      sender,
      blockNumber: Number(receipt.blockNumber),
      blockTimestamp,
      confirmedAt,
    });
    await tx
      .update(protocolPreparation)
      .set({ state: "confirmed", closedAt: confirmedAt, closedBy: viewer.userId })
      .where(and(eq(protocolPreparation.trialId, trialId), eq(protocolPreparation.leafHash, current.leafHash)));
    const [org] = await tx.select({ name: organization.name }).from(organization).where(eq(organization.id, row.sponsorOrgId));
    await tx
      .update(trial)
      .set({
        ...registryColumnsOf(row.publicId, protocol, org?.name ?? ""),
        currentVersion: current.version,
        // Registered: the trial's status becomes the recruitment status its protocol declares.
        ...(current.version === 1 ? { status: protocol.recruitmentStatus, registeredAt: blockTimestamp } : {}),
      })
      .where(eq(trial.id, trialId));
    return {
      version: current.version,
      chainState: "confirmed" as const,
      leafIndex: record.index,
      leafHash: current.leafHash,
      txHash,
      blockNumber: Number(receipt.blockNumber),
      blockTimestamp: blockTimestamp.toISOString(),
      sender,
    };
  });
}
