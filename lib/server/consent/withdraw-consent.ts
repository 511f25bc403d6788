import "server-only";
import { and, eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { consentSignature, consentWithdrawal, trial } from "@/lib/db/schema";
import type { Viewer } from "@/lib/server/auth/viewer";
import { viewerActor } from "@/lib/server/audit/actor";
import { recordDomainChange } from "@/lib/server/audit/record-domain-change";
import { AppError } from "@/lib/server/errors/app-error";
import { parseInput } from "@/lib/server/errors/parse-input";
import { newId } from "@/lib/server/ids";
import { ZWithdrawConsentRequestSchema } from "@/lib/schemas/consent";
import { viewerParticipant } from "./consent-access";
import { consentStateOf } from "./consent-status-of";
import { confirmSigner } from "./reauthenticate";

/**
 * The participant withdraws: from all further participation, from further data collection only, or from one
 * optional choice they had accepted. No reason is needed. Re-authenticated by password; `consent.withdrawn` points
 * at the participant's latest signature. Data recording stops for the first two scopes (docs/consent.md#statuses).
 */
export async function withdrawConsent(viewer: Viewer, input: unknown) {
  const request = parseInput(ZWithdrawConsentRequestSchema, input, "withdrawal");
  const database = await db();
  return database.transaction(async (tx) => {
    const who = await viewerParticipant(tx, viewer, { lock: true });
    const state = await consentStateOf(tx, who.id);
    if (!state?.signature) throw new AppError("CONFLICT", "You have not signed a consent form, so there is nothing to withdraw.");
    if (state.status === "withdrawn") throw new AppError("CONFLICT", "You have already withdrawn from this study.");
    const signature = state.signature;
    if (request.scope === "choice") {
      const [row] = await tx.select({ choices: consentSignature.choices }).from(consentSignature).where(eq(consentSignature.id, signature.id));
      if (!row!.choices.some((c) => c.id === request.choiceId && c.accepted)) {
        throw new AppError("UNPROCESSABLE", "You can withdraw only from an optional choice you accepted.", {
          choiceId: ["is not a choice you accepted"],
        });
      }
      const [again] = await tx
        .select({ id: consentWithdrawal.id })
        .from(consentWithdrawal)
        .where(and(eq(consentWithdrawal.signatureId, signature.id), eq(consentWithdrawal.choiceId, request.choiceId!)));
      if (again) throw new AppError("CONFLICT", "You have already withdrawn from this choice.");
    }
    await confirmSigner(tx, viewer, { password: request.password, email: request.email });

    const [signed] = await tx
      .select({ leafIndex: consentSignature.leafIndex, leafHash: consentSignature.leafHash })
      .from(consentSignature)
      .where(eq(consentSignature.id, signature.id));
    const [trialRow] = await tx.select({ id: trial.id, publicId: trial.publicId }).from(trial).where(eq(trial.id, who.trialId));
    const record = await recordDomainChange(tx, viewerActor(viewer, "participant", who.siteOrgId), {
      kind: "consent.withdrawn",
      trial: trialRow!,
      subject: who.id,
      body: {
        signed: { index: signed!.leafIndex, leafHash: signed!.leafHash },
        scope: request.scope,
        ...(request.choiceId ? { choiceId: request.choiceId } : {}),
        ...(request.reason ? { reason: request.reason } : {}),
      },
      details: { signatureId: signature.id },
    });
    const id = newId("wdr");
    const withdrawnAt = new Date(record.envelope.at);
    await tx.insert(consentWithdrawal).values({
      id,
      signatureId: signature.id,
      participantId: who.id,
      userId: viewer.userId,
      scope: request.scope,
      choiceId: request.choiceId ?? null,
      reason: request.reason ?? null,
      withdrawnAt,
      leafIndex: record.index,
      leafHash: record.leafHash,
    });
    return { withdrawalId: id, scope: request.scope, withdrawnAt: withdrawnAt.toISOString(), leafIndex: record.index, leafHash: record.leafHash };
  });
}
