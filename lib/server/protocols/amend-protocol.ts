import "server-only";
import { db } from "@/lib/db/client";
import type { PendingSignature, TAmendProtocolRequest } from "@/lib/schemas/protocol";
import type { Viewer } from "@/lib/server/auth/viewer";
import { AppError } from "@/lib/server/errors/app-error";
import { appendProtocolVersion, pendingSignatureOf, sameProtocol, strictDraftOf, versionsOf } from "./protocol-versions";
import { sponsorTrialFor } from "./sponsor-trial-access";

/**
 * The draft becomes version n+1 with the sponsor's reason: the `protocol.version` record and the version row
 * (awaiting signature, amendProtocol) in one transaction. Only for a registered trial with nothing awaiting
 * signature, and only when the draft differs from the current version.
 */
export async function amendProtocol(viewer: Viewer, trialId: string, request: TAmendProtocolRequest): Promise<PendingSignature> {
  const database = await db();
  return database.transaction(async (tx) => {
    const row = await sponsorTrialFor(tx, viewer, trialId, { lock: true });
    const versions = await versionsOf(tx, trialId);
    const confirmed = versions.filter((v) => v.chainState === "confirmed");
    const current = confirmed.at(-1);
    if (!current) throw new AppError("CONFLICT", `${row.publicId} is not registered yet: register it before amending.`);
    const waiting = versions.find((v) => v.chainState === "awaiting_signature");
    if (waiting) throw new AppError("CONFLICT", `Version ${waiting.version} of ${row.publicId} still awaits your wallet's signature: sign it first.`);
    const protocol = await strictDraftOf(tx, trialId);
    if (sameProtocol(protocol, current.protocol)) {
      throw new AppError("UNPROCESSABLE", `The draft is identical to version ${current.version}: change the protocol before amending.`);
    }
    const created = await appendProtocolVersion(tx, viewer, row, current.version + 1, protocol, request.reason.trim());
    return pendingSignatureOf(tx, row, created);
  });
}
