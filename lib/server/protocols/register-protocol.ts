import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { trial } from "@/lib/db/schema";
import type { PendingSignature } from "@/lib/schemas/protocol";
import type { Viewer } from "@/lib/server/auth/viewer";
import { AppError } from "@/lib/server/errors/app-error";
import { appendProtocolVersion, pendingSignatureOf, pendingVersionOf, sameProtocol, strictDraftOf, versionsOf } from "./protocol-versions";
import { sponsorTrialFor } from "./sponsor-trial-access";

/**
 * "Register": validates the draft strictly, appends the `protocol.version` record (version 1) and stores the version
 * awaiting the sponsor's signature, in one transaction; the trial reads "awaiting signature". Returns what the
 * sponsor's wallet signs (registerTrial).
 *
 * Resumable: called again while version 1 awaits its signature, with the draft unchanged, it returns the same
 * pending version (nothing new is appended). With a changed draft it answers 409: the record committed to is in the
 * append-only log, so the sponsor signs it as prepared and amends afterwards (or restores the draft). A trial whose
 * version 1 is confirmed answers 409.
 */
export async function registerProtocol(viewer: Viewer, trialId: string): Promise<PendingSignature> {
  const database = await db();
  return database.transaction(async (tx) => {
    const row = await sponsorTrialFor(tx, viewer, trialId, { lock: true });
    const protocol = await strictDraftOf(tx, trialId);
    const versions = await versionsOf(tx, trialId);
    if (versions.some((v) => v.chainState === "confirmed")) {
      throw new AppError("CONFLICT", `${row.publicId} is already registered; change it with an amendment.`);
    }
    const pending = await pendingVersionOf(tx, trialId);
    if (pending) {
      if (!sameProtocol(pending.protocol, protocol)) {
        throw new AppError(
          "CONFLICT",
          `Version 1 of ${row.publicId} is already prepared and awaits your wallet's signature, and the draft has changed since. Sign version 1 as prepared and amend it afterwards, or undo the draft changes to resume.`,
        );
      }
      return pendingSignatureOf(tx, row, pending);
    }
    const created = await appendProtocolVersion(tx, viewer, row, 1, protocol);
    await tx.update(trial).set({ status: "awaiting_signature" }).where(eq(trial.id, trialId));
    return pendingSignatureOf(tx, row, created);
  });
}
