/**
 * A sponsor's registration is taken on only when the portal can anchor the trial and the transaction is deep enough:
 * a TrialRegistered naming another anchorer is refused (422, nothing stored), and with ANCHOR_CONFIRMATIONS=2 the
 * confirmation answers 409 until two blocks are on top. Through the real use cases, on a real Hardhat node.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { Address, Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { hardhatDevPrivateKey } from "@/lib/chain/local-node";
import { trialLedgerAbi } from "@/lib/chain/generated/trial-ledger";
import { publicIdHash } from "@/lib/chain/trial-id";
import type { Database } from "@/lib/db/open";
import { auditEvent, log } from "@/lib/db/schema";
import type { Viewer } from "@/lib/server/auth/viewer";
import { confirmProtocolOnChain } from "@/lib/server/protocols/confirm-protocol-on-chain";
import { createTrial } from "@/lib/server/protocols/create-trial";
import { completeProtocol, snapshot, sponsorSends, startRegistrationWorld } from "@/lib/server/protocols/protocol-registration.test-helper";
import { registerProtocol } from "@/lib/server/protocols/register-protocol";
import { saveProtocolDraft } from "@/lib/server/protocols/save-protocol-draft";
import { rejectionMessage } from "@/lib/testing/db-errors";
import { chainTrialIdForTest, minedOrThrow, type TestLedger } from "@/lib/testing/test-ledger";

// Read once by lib/env.ts, before any use case runs in this file; put back for whatever runs next in this process.
const confirmationsBefore = process.env.ANCHOR_CONFIRMATIONS;
process.env.ANCHOR_CONFIRMATIONS = "2";

let database: Database;
let drop: () => Promise<void>;
let ledger: TestLedger;
let sponsor: Viewer;
const portalAnchorer = privateKeyToAccount(hardhatDevPrivateKey(0)).address;
const foreign = privateKeyToAccount(hardhatDevPrivateKey(6)).address;

beforeAll(async () => {
  ({ database, drop, ledger, sponsor } = await startRegistrationWorld());
});
afterAll(async () => {
  if (confirmationsBefore === undefined) delete process.env.ANCHOR_CONFIRMATIONS;
  else process.env.ANCHOR_CONFIRMATIONS = confirmationsBefore;
  await Promise.all([drop?.(), ledger?.stop()]);
});

async function mineBlocks(n: number) {
  for (let i = 0; i < n; i++) await ledger.client.request({ method: "evm_mine" as never, params: [] as never });
}

/** A trial with version 1 prepared, awaiting the sponsor's signature. */
async function preparedTrial(title: string) {
  const { trialId, publicId } = await createTrial(sponsor, { title });
  await saveProtocolDraft(sponsor, trialId, { data: completeProtocol({ publicTitle: title }) });
  const pending = await registerProtocol(sponsor, trialId);
  return { trialId, publicId, protocolHash: pending.protocolHash as Hex };
}

async function sponsorWrites(functionName: "registerTrial" | "setAnchorer", args: readonly unknown[]): Promise<Hex> {
  const hash = await ledger.sponsor.writeContract({
    address: ledger.contract,
    abi: trialLedgerAbi,
    functionName,
    args: args as never,
  });
  await minedOrThrow(ledger.client, hash, functionName);
  return hash;
}

const auditRows = async () => (await database.select({ id: auditEvent.id }).from(auditEvent)).length;

describe("confirming a registration", () => {
  it("refuses a TrialRegistered that names another anchorer (422, nothing stored) until the sponsor makes the portal its anchorer", async () => {
    const t = await preparedTrial("Foreign anchorer");
    const txHash = await sponsorWrites("registerTrial", [publicIdHash(t.publicId), t.protocolHash, foreign as Address]);
    await mineBlocks(2);
    const before = await snapshot(database, t.trialId);
    const audits = await auditRows();

    const refused = await confirmProtocolOnChain(sponsor, t.trialId, { txHash }).catch((e: unknown) => e);
    expect(refused).toMatchObject({
      code: "UNPROCESSABLE",
      message: `That transaction registered the trial with anchorer ${foreign}, not the portal's anchorer ${portalAnchorer}: the portal could never checkpoint its log, so nothing was stored. From the sponsor wallet, call setAnchorer(${chainTrialIdForTest(ledger, t.publicId)}, ${portalAnchorer}) on TrialLedger, then confirm again.`,
      fieldErrors: { txHash: [expect.stringMatching(/not the portal's anchorer/)] },
    });
    expect(await snapshot(database, t.trialId)).toEqual(before);
    expect(before.trial!.registeredAt).toBeNull();
    expect(await auditRows()).toBe(audits);

    // The repair the message names: the sponsor makes the portal the anchorer on chain, then the same transaction is accepted.
    await sponsorWrites("setAnchorer", [chainTrialIdForTest(ledger, t.publicId), portalAnchorer]);
    await mineBlocks(2);
    await expect(confirmProtocolOnChain(sponsor, t.trialId, { txHash })).resolves.toMatchObject({
      version: 1,
      chainState: "confirmed",
    });
  });

  it("with ANCHOR_CONFIRMATIONS=2 answers 409 until two blocks are mined on top, storing nothing until then", async () => {
    const t = await preparedTrial("Two confirmations");
    const txHash = await sponsorSends(ledger, "registerTrial", t.publicId, t.protocolHash);
    const receipt = await ledger.client.getTransactionReceipt({ hash: txHash });
    const before = await snapshot(database, t.trialId);

    await expect(confirmProtocolOnChain(sponsor, t.trialId, { txHash })).rejects.toMatchObject({
      code: "CONFLICT",
      message: `That transaction is in block ${receipt.blockNumber}, with 0 of the 2 blocks on top the portal waits for: waiting for 2 confirmations. Try again in a moment.`,
    });
    await mineBlocks(1);
    await expect(confirmProtocolOnChain(sponsor, t.trialId, { txHash })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/with 1 of the 2 blocks on top .* waiting for 2 confirmations/),
    });
    expect(await snapshot(database, t.trialId)).toEqual(before);

    await mineBlocks(1);
    const confirmed = await confirmProtocolOnChain(sponsor, t.trialId, { txHash });
    expect(confirmed).toMatchObject({ version: 1, chainState: "confirmed", blockNumber: Number(receipt.blockNumber) });
    const [row] = await database.select({ kind: auditEvent.kind }).from(auditEvent).where(eq(auditEvent.logId, t.publicId));
    expect(row).toEqual({ kind: "protocol.version" });
  });

  it("a squatter who registers the next public id first, or copies the pending transaction, takes nothing: the sponsor's own registration is confirmed", async () => {
    const t = await preparedTrial("Squatted id");
    // The squatter's copy of the sponsor's pending registerTrial, mined first: same public id hash, same protocol hash.
    const squatter = ledger.wallet(7);
    const copied = await squatter.writeContract({
      address: ledger.contract,
      abi: trialLedgerAbi,
      functionName: "registerTrial",
      args: [publicIdHash(t.publicId), t.protocolHash, portalAnchorer],
    });
    await minedOrThrow(ledger.client, copied, "squatter's registerTrial");
    await mineBlocks(2);
    const before = await snapshot(database, t.trialId);

    // The portal never takes the squatter's transaction for the sponsor's.
    await expect(confirmProtocolOnChain(sponsor, t.trialId, { txHash: copied })).rejects.toMatchObject({
      code: "UNPROCESSABLE",
      message: expect.stringMatching(/^The transaction was sent from 0x[0-9a-fA-F]{40}, which is not a wallet linked to your account/),
    });
    expect(await snapshot(database, t.trialId)).toEqual(before);

    // The sponsor's id was never taken: their own transaction goes through and is the one the log head records.
    const txHash = await sponsorSends(ledger, "registerTrial", t.publicId, t.protocolHash);
    await mineBlocks(2);
    await expect(confirmProtocolOnChain(sponsor, t.trialId, { txHash })).resolves.toMatchObject({ version: 1, chainState: "confirmed" });
    const [head] = await database.select({ chainTrialId: log.chainTrialId, sponsor: log.chainSponsor }).from(log).where(eq(log.id, t.publicId));
    expect(head).toEqual({ chainTrialId: chainTrialIdForTest(ledger, t.publicId), sponsor: ledger.sponsor.account.address.toLowerCase() });
    expect(head!.chainTrialId).not.toBe(chainTrialIdForTest(ledger, t.publicId, squatter));
  });

  it("the log head's chain registration is set once: SQL cannot move it to another id or sponsor", async () => {
    const t = await preparedTrial("Pinned id");
    const txHash = await sponsorSends(ledger, "registerTrial", t.publicId, t.protocolHash);
    await mineBlocks(2);
    await confirmProtocolOnChain(sponsor, t.trialId, { txHash });
    const other = chainTrialIdForTest(ledger, t.publicId, ledger.wallet(7));
    for (const change of [
      sql`update log set chain_trial_id = ${other} where id = ${t.publicId}`,
      sql`update log set chain_sponsor = ${ledger.wallet(7).account.address.toLowerCase()} where id = ${t.publicId}`,
      sql`update log set chain_trial_id = null, chain_sponsor = null where id = ${t.publicId}`,
    ]) {
      // Even the owner role, which the triggers bind too.
      expect(await rejectionMessage(database.$asOwner((o) => o.execute(change)))).toMatch(/may only grow/);
    }
  });
});
