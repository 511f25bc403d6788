import "server-only";
import { eq } from "drizzle-orm";
import { manifestationCommitment, randomSalt } from "@/lib/integrity";
import { db } from "@/lib/db/client";
import { consentCountersignature, consentFormVersion, consentSignature, participant, trial } from "@/lib/db/schema";
import type { Viewer } from "@/lib/server/auth/viewer";
import { viewerActor } from "@/lib/server/audit/actor";
import { recordDomainChange } from "@/lib/server/audit/record-domain-change";
import { AppError, notFound } from "@/lib/server/errors/app-error";
import { parseInput } from "@/lib/server/errors/parse-input";
import { newId } from "@/lib/server/ids";
import { investigatorAssignmentsOf } from "@/lib/server/sites/investigator-assignments";
import { ZCountersignConsentRequestSchema } from "@/lib/schemas/consent";
import { SIGNATURE_MEANING_TEXT } from "@/lib/vocabulary/consent-signer";
import { consentStateOf } from "./consent-status-of";
import { confirmSigner } from "./reauthenticate";

/**
 * The investigator's countersignature of a participant's signature: only an investigator assigned to the
 * participant's trial at the participant's site, re-authenticated by password and printed name, after checking the
 * signer's identity (how is recorded). `consent.countersigned` commits to the investigator's own manifestation
 * {name, signedAt, meaning} like the participant's signature does (docs/consent.md#the-manifestation-commitment).
 */
export async function countersignConsent(viewer: Viewer, input: unknown) {
  const request = parseInput(ZCountersignConsentRequestSchema, input, "countersignature");
  if (!viewer.roles.includes("investigator")) throw new AppError("FORBIDDEN", "Only site investigators countersign consent.");
  const database = await db();
  return database.transaction(async (tx) => {
    const [signature] = await tx
      .select({ row: consentSignature, form: consentFormVersion })
      .from(consentSignature)
      .innerJoin(consentFormVersion, eq(consentFormVersion.id, consentSignature.formVersionId))
      .where(eq(consentSignature.id, request.signatureId));
    if (!signature) throw notFound("Signature");
    // The participant's row lock serializes this with their own withdrawal or new signature.
    const [who] = await tx.select().from(participant).where(eq(participant.id, signature.row.participantId)).for("update");
    const assignments = await investigatorAssignmentsOf(tx, viewer);
    if (!assignments.some((a) => a.trialId === who!.trialId && a.siteOrgId === who!.siteOrgId)) {
      throw new AppError("FORBIDDEN", "Only investigators assigned to this trial at the participant's site can countersign.");
    }
    const [done] = await tx
      .select({ id: consentCountersignature.id })
      .from(consentCountersignature)
      .where(eq(consentCountersignature.signatureId, signature.row.id));
    if (done) throw new AppError("CONFLICT", "This signature is already countersigned.");
    const state = await consentStateOf(tx, who!.id);
    if (state?.status === "withdrawn") throw new AppError("CONFLICT", "The participant has withdrawn; there is nothing to countersign.");
    if (state?.signature?.id !== signature.row.id || state.status === "reconsent_required") {
      throw new AppError("CONFLICT", "This signature is of a form version that has been replaced: the participant must sign the current one.");
    }
    await confirmSigner(tx, viewer, { password: request.password, email: request.email, printedName: request.printedName });

    const name = request.printedName.replace(/\s+/g, " ");
    const signedAt = new Date().toISOString();
    const meaning = SIGNATURE_MEANING_TEXT.investigator;
    const salt = randomSalt();
    const manifestation = manifestationCommitment({ name, signedAt, meaning }, salt);
    const [trialRow] = await tx.select({ id: trial.id, publicId: trial.publicId }).from(trial).where(eq(trial.id, who!.trialId));
    const record = await recordDomainChange(tx, viewerActor(viewer, "investigator", who!.siteOrgId), {
      kind: "consent.countersigned",
      trial: trialRow!,
      subject: who!.id,
      body: {
        signed: { index: signature.row.leafIndex, leafHash: signature.row.leafHash },
        formId: signature.form.formId,
        formVersion: signature.form.version,
        identityCheck: request.identityCheck,
        manifestation,
      },
      details: { signatureId: signature.row.id },
    });
    const id = newId("csg");
    await tx.insert(consentCountersignature).values({
      id,
      signatureId: signature.row.id,
      participantId: who!.id,
      userId: viewer.userId,
      identityCheck: request.identityCheck,
      identityCheckNote: request.identityCheck === "other" ? request.identityCheckNote! : null,
      name,
      signedAt: new Date(signedAt),
      meaning,
      salt,
      manifestation,
      leafIndex: record.index,
      leafHash: record.leafHash,
    });
    return { countersignatureId: id, name, signedAt, meaning, salt, manifestation, leafIndex: record.index, leafHash: record.leafHash };
  });
}
