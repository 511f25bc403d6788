import "server-only";
import { and, eq } from "drizzle-orm";
import { decodeEventLog, getAddress, type Hash, type TransactionReceipt } from "viem";
import { trialLedgerAbi } from "@/lib/chain/generated/trial-ledger";
import { publicClient } from "@/lib/chain/clients";
import { chainTrialId } from "@/lib/chain/trial-id";
import { db } from "@/lib/db/client";
import { organization, protocolVersion, trial } from "@/lib/db/schema";
import type { TChainConfirmationRequest, TProtocol } from "@/lib/schemas/protocol";
import { registryColumnsOf } from "@/lib/protocols/registry-columns";
import type { Viewer } from "@/lib/server/auth/viewer";
import { AppError } from "@/lib/server/errors/app-error";
import { chainTarget } from "./chain-target";
import { pendingVersionOf, versionsOf } from "./protocol-versions";
import { sponsorTrialFor } from "./sponsor-trial-access";

const refuse = (message: string) => new AppError("UNPROCESSABLE", message, { txHash: [message] });

/**
 * The sponsor's transaction for the version awaiting signature, checked by the portal itself (never on the
 * browser's word): the receipt is read from the configured chain and must be successful, from a wallet linked to
 * the viewer, and carry TrialRegistered (version 1) or ProtocolAmended (n+1) from the configured TrialLedger with
 * this trial's chainTrialId and exactly the pending protocolHash. Only then, in one transaction, the version is
 * confirmed, and the trial registered and its registry columns refreshed. Any mismatch: 422, nothing stored.
 * Not mined yet: 409, try again.
 */
export async function confirmProtocolOnChain(viewer: Viewer, trialId: string, request: TChainConfirmationRequest) {
  const database = await db();
  const txHash = request.txHash.toLowerCase() as Hash;
  const pre = await sponsorTrialFor(database, viewer, trialId);
  const pending = await pendingVersionOf(database, trialId);
  if (!pending) throw new AppError("CONFLICT", `Nothing of ${pre.publicId} awaits a signature.`);
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
  const sender = receipt.from.toLowerCase();
  if (!viewer.wallets.some((w) => w.toLowerCase() === sender)) {
    throw refuse(`The transaction was sent from ${getAddress(sender)}, which is not a wallet linked to your account. Link it with Sign-In with Ethereum first.`);
  }
  const expectedTrialId = chainTrialId(pre.publicId);
  const events = receipt.logs
    .filter((l) => l.address.toLowerCase() === target.contract.toLowerCase())
    .flatMap((l) => {
      try {
        return [decodeEventLog({ abi: trialLedgerAbi, data: l.data, topics: l.topics })];
      } catch {
        return [];
      }
    });
  let onChainSponsor: string;
  if (pending.version === 1) {
    const ev = events.find((e) => e.eventName === "TrialRegistered");
    if (!ev || ev.eventName !== "TrialRegistered") throw refuse("That transaction did not register a trial on the portal's TrialLedger.");
    if (ev.args.trialId.toLowerCase() !== expectedTrialId) throw refuse(`That transaction registered another trial, not ${pre.publicId}.`);
    if (ev.args.protocolHash.toLowerCase() !== pending.leafHash) {
      throw refuse(`The transaction commits to protocol hash ${ev.args.protocolHash}, not to version 1 awaiting signature (${pending.leafHash}).`);
    }
    onChainSponsor = ev.args.sponsor.toLowerCase();
  } else {
    const ev = events.find((e) => e.eventName === "ProtocolAmended");
    if (!ev || ev.eventName !== "ProtocolAmended") throw refuse("That transaction did not amend a protocol on the portal's TrialLedger.");
    if (ev.args.trialId.toLowerCase() !== expectedTrialId) throw refuse(`That transaction amended another trial, not ${pre.publicId}.`);
    if (ev.args.version !== pending.version) throw refuse(`That transaction records version ${ev.args.version}, not version ${pending.version}.`);
    if (ev.args.protocolHash.toLowerCase() !== pending.leafHash) {
      throw refuse(`The transaction commits to protocol hash ${ev.args.protocolHash}, not to version ${pending.version} awaiting signature (${pending.leafHash}).`);
    }
    const v1 = (await versionsOf(database, trialId)).find((v) => v.version === 1);
    onChainSponsor = (v1?.sender ?? "").toLowerCase();
  }
  if (onChainSponsor !== sender) throw refuse("The transaction's sender is not the trial's sponsor on chain.");
  const block = await client.getBlock({ blockNumber: receipt.blockNumber });
  const blockTimestamp = new Date(Number(block.timestamp) * 1000);

  return database.transaction(async (tx) => {
    const row = await sponsorTrialFor(tx, viewer, trialId, { lock: true });
    const updated = await tx
      .update(protocolVersion)
      .set({ chainState: "confirmed", txHash, sender, blockNumber: Number(receipt.blockNumber), blockTimestamp, confirmedAt: new Date() })
      .where(and(eq(protocolVersion.trialId, trialId), eq(protocolVersion.version, pending.version), eq(protocolVersion.chainState, "awaiting_signature")))
      .returning({ version: protocolVersion.version });
    if (updated.length === 0) throw new AppError("CONFLICT", "That version was confirmed meanwhile.");
    const [org] = await tx.select({ name: organization.name }).from(organization).where(eq(organization.id, row.sponsorOrgId));
    const columns = registryColumnsOf(row.publicId, pending.protocol as TProtocol, org?.name ?? "");
    await tx
      .update(trial)
      .set({
        ...columns,
        currentVersion: pending.version,
        ...(pending.version === 1 ? { status: "registered" as const, registeredAt: blockTimestamp } : {}),
      })
      .where(eq(trial.id, trialId));
    return { version: pending.version, chainState: "confirmed" as const, txHash, blockNumber: Number(receipt.blockNumber), blockTimestamp: blockTimestamp.toISOString(), sender };
  });
}
