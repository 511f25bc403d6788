import "server-only";
import { and, asc, eq, lte } from "drizzle-orm";
import { db } from "@/lib/db/client";
import type { Database, Tx } from "@/lib/db/client";
import { consentCheckAttempt, consentCountersignature, consentFormVersion, consentSignature, logEnvelope, participant, trial } from "@/lib/db/schema";
import { env } from "@/lib/env";
import type { Viewer } from "@/lib/server/auth/viewer";
import { AppError, notFound } from "@/lib/server/errors/app-error";
import { parseInput } from "@/lib/server/errors/parse-input";
import { recordAnchoring } from "@/lib/server/receipts/record-anchoring";
import { logReadScope, readableLeaf } from "@/lib/server/verification/log-read-scope";
import { ZConsentCopyParamsSchema } from "@/lib/schemas/consent";
import { CONSENT_SIGNER_LABEL } from "@/lib/vocabulary/consent-signer";
import { IDENTITY_CHECK_LABEL } from "@/lib/vocabulary/identity-check";
import { renderConsentCopy, type ConsentCopy, type CopyAnchoring, type CopySignature } from "./consent-copy-document";

/**
 * The participant's own copy of one of their consent signatures, as a PDF (docs/consent.md#the-participants-copy):
 * the form exactly as signed, their choices, the knowledge-check result, every signer's manifestation with the salt
 * that opens its commitment, and the `consent.signed` record with its receipt once anchored. Only the participant
 * who signed gets it: any other signature id is "not found", as one that does not exist.
 */
export async function consentCopyPdf(viewer: Viewer, input: unknown): Promise<{ filename: string; pdf: Uint8Array }> {
  const { signatureId } = parseInput(ZConsentCopyParamsSchema, input, "consent copy");
  const database = await db();
  const copy = await database.transaction((tx) => gatherCopy(tx, viewer, signatureId), {
    isolationLevel: "repeatable read",
    accessMode: "read only",
  });
  const pdf = await renderConsentCopy(copy);
  const filename = `consent-${copy.trial.publicId}-${copy.form.formId}-v${copy.form.version}-${signatureId}.pdf`;
  return { filename, pdf };
}

async function envelopeAt(tx: Tx | Database, logId: string, index: number | null): Promise<Record<string, unknown> | null> {
  if (index === null) return null;
  const [row] = await tx
    .select({ envelope: logEnvelope.envelope })
    .from(logEnvelope)
    .where(and(eq(logEnvelope.logId, logId), eq(logEnvelope.idx, index)));
  return row?.envelope ?? null;
}

async function gatherCopy(tx: Tx, viewer: Viewer, signatureId: string): Promise<ConsentCopy> {
  if (!viewer.roles.includes("participant")) throw new AppError("FORBIDDEN", "Only participants can download a copy of their consent.");
  // Any of the viewer's enrolments: the signature must be about one of them, else it "does not exist".
  const [found] = await tx
    .select({ sig: consentSignature, form: consentFormVersion, who: participant, trial: { publicId: trial.publicId, title: trial.title } })
    .from(consentSignature)
    .innerJoin(participant, eq(participant.id, consentSignature.participantId))
    .innerJoin(consentFormVersion, eq(consentFormVersion.id, consentSignature.formVersionId))
    .innerJoin(trial, eq(trial.id, consentFormVersion.trialId))
    .where(and(eq(consentSignature.id, signatureId), eq(participant.userId, viewer.userId)));
  if (!found) throw notFound("Signature");
  const { sig, form, who } = found;
  const logId = found.trial.publicId;

  // The attempts made up to the signature, as the consent.signed record counts them; the passing one is the last.
  const attempts = await tx
    .select({ id: consentCheckAttempt.id, score: consentCheckAttempt.score })
    .from(consentCheckAttempt)
    .where(
      and(
        eq(consentCheckAttempt.participantId, who.id),
        eq(consentCheckAttempt.formVersionId, form.id),
        lte(consentCheckAttempt.createdAt, sig.signedAt),
      ),
    )
    .orderBy(asc(consentCheckAttempt.createdAt));
  const passed = attempts.find((a) => a.id === sig.attemptId);

  const signer = sig.signer;
  const signatures: CopySignature[] = [
    {
      role: CONSENT_SIGNER_LABEL[signer],
      details: sig.relationship ? [`Relationship to the participant: ${sig.relationship}`] : [],
      name: sig.name,
      signedAt: sig.signedAt.toISOString(),
      meaning: sig.meaning,
      salt: sig.salt,
      manifestation: sig.manifestation,
      record: { kind: "consent.signed", index: sig.leafIndex, leafHash: sig.leafHash },
    },
  ];
  const [counter] = await tx.select().from(consentCountersignature).where(eq(consentCountersignature.signatureId, sig.id));
  if (counter) {
    signatures.push({
      role: "The investigator (countersignature)",
      // The method only: an "other" method's description stays with the site (it may name people).
      details: [`Identity checked: ${IDENTITY_CHECK_LABEL[counter.identityCheck]}`],
      name: counter.name,
      signedAt: counter.signedAt.toISOString(),
      meaning: counter.meaning,
      salt: counter.salt,
      manifestation: counter.manifestation,
      record: { kind: "consent.countersigned", index: counter.leafIndex, leafHash: counter.leafHash },
    });
  }

  const scope = await logReadScope(tx, viewer, logId);
  const leaf = await readableLeaf(tx, scope, sig.leafIndex);
  const anchoring: CopyAnchoring = await recordAnchoring(tx, leaf).then(
    (a) => (a.status === "anchored" ? { status: "anchored" as const, receipt: a.receipt } : { status: "awaiting_anchor" as const }),
    (error: unknown) => {
      if (error instanceof AppError && error.code === "CONFLICT") return { status: "mismatch" as const, message: error.message };
      throw error;
    },
  );
  const origin = new URL(env().BETTER_AUTH_URL).origin;
  return {
    trial: found.trial,
    form: {
      formId: form.formId,
      version: form.version,
      title: form.title,
      language: form.language,
      protocolVersion: form.protocolVersion,
      content: form.content,
      ethicsApproval: form.ethicsApproval,
      record: form.leafIndex !== null && form.leafHash !== null ? { kind: "consent.form", index: form.leafIndex, leafHash: form.leafHash } : null,
    },
    participantId: who.id,
    choices: sig.choices,
    knowledgeCheck: {
      attempts: attempts.length,
      score: passed?.score ?? null,
      passMark: form.content.knowledgeCheck.passMark,
      questions: form.content.knowledgeCheck.questions.length,
    },
    signatures,
    witnessName: sig.witnessName,
    signed: { logId, index: sig.leafIndex, leafHash: sig.leafHash, envelope: await envelopeAt(tx, logId, sig.leafIndex) },
    formEnvelope: await envelopeAt(tx, logId, form.leafIndex),
    anchoring,
    // /verify takes no receipt by URL: the QR code leads to it with the record's leaf reference (docs/consent.md).
    verifyUrl: `${origin}/verify?log=${encodeURIComponent(logId)}&index=${sig.leafIndex}&leaf=${sig.leafHash}`,
    recordUrl: `${origin}/records/${encodeURIComponent(logId)}/${sig.leafIndex}`,
  };
}
