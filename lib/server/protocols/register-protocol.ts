import "server-only";
import type { PendingSignature } from "@/lib/schemas/protocol";
import type { Viewer } from "@/lib/server/auth/viewer";
import { AppError } from "@/lib/server/errors/app-error";
import { prepareVersion, type VersionRule } from "./protocol-preparations";

/** Only a trial without a confirmed version is registered: its draft becomes version 1. */
const registration: VersionRule = (trial, confirmed) => {
  if (confirmed.length > 0) throw new AppError("CONFLICT", `${trial.publicId} is already registered; change it with an amendment.`);
  return 1;
};

/**
 * "Register": validates the draft strictly and prepares version 1 for the sponsor's wallet (registerTrial); the
 * trial reads "awaiting signature". Nothing enters the log until the portal has read the transaction from the chain
 * (confirmProtocolOnChain appends the prepared record then).
 *
 * Resumable: called again with the draft unchanged, it returns the same preparation. With a changed draft, the new
 * preparation supersedes the one awaiting signature (unless the chain already holds that one). A trial whose
 * version 1 is confirmed answers 409.
 */
export async function registerProtocol(viewer: Viewer, trialId: string): Promise<PendingSignature> {
  return prepareVersion(viewer, trialId, registration);
}
