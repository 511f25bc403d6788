import "server-only";
import type { PendingSignature, TAmendProtocolRequest } from "@/lib/schemas/protocol";
import type { Viewer } from "@/lib/server/auth/viewer";
import { AppError } from "@/lib/server/errors/app-error";
import { prepareVersion, type VersionRule } from "./protocol-preparations";
import { sameProtocol } from "./protocol-versions";

/** Only a registered trial is amended, and only with a protocol that differs from its current version. */
const amendment: VersionRule = (trial, confirmed, protocol) => {
  const current = confirmed.at(-1);
  if (!current) throw new AppError("CONFLICT", `${trial.publicId} is not registered yet: register it before amending.`);
  if (sameProtocol(protocol, current.protocol)) {
    throw new AppError("UNPROCESSABLE", `The draft is identical to version ${current.version}: change the protocol before amending.`);
  }
  return current.version + 1;
};

/**
 * The draft becomes version n+1 with the sponsor's reason, prepared for the sponsor's wallet (amendProtocol). Asked
 * again unchanged, it returns the same preparation; with another draft or reason, the new preparation supersedes the
 * one awaiting signature. Nothing enters the log until the transaction is confirmed.
 */
export async function amendProtocol(viewer: Viewer, trialId: string, request: TAmendProtocolRequest): Promise<PendingSignature> {
  return prepareVersion(viewer, trialId, amendment, request.reason.trim());
}
