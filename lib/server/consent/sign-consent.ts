import "server-only";
import { and, desc, eq, inArray } from "drizzle-orm";
import { manifestationCommitment, randomSalt } from "@/lib/integrity";
import { db } from "@/lib/db/client";
import { consentCheckAttempt, consentSignature, consentWithdrawal, trial, type ConsentFormContent } from "@/lib/db/schema";
import type { Viewer } from "@/lib/server/auth/viewer";
import { viewerActor } from "@/lib/server/audit/actor";
import { recordDomainChange } from "@/lib/server/audit/record-domain-change";
import { AppError } from "@/lib/server/errors/app-error";
import { parseInput } from "@/lib/server/errors/parse-input";
import { newId } from "@/lib/server/ids";
import { ZSignConsentRequestSchema, type TSignConsentRequest } from "@/lib/schemas/consent";
import { SIGNATURE_MEANING_TEXT } from "@/lib/vocabulary/consent-signer";
import { WITHDRAWAL_SCOPES_ENDING_DATA } from "@/lib/vocabulary/withdrawal-scope";
import { signableVersionFor, viewerParticipant } from "./consent-access";
import { confirmSigner } from "./reauthenticate";

/** The request's answers to the form's optional choices: each choice exactly once, nothing else. */
function choicesOf(content: ConsentFormContent, request: TSignConsentRequest) {
  const given = new Map(request.choices.map((c) => [c.id, c.accepted]));
  const missing = content.choices.filter((c) => !given.has(c.id)).map((c) => c.id);
  const unknown = [...given.keys()].filter((id) => !content.choices.some((c) => c.id === id));
  if (missing.length || unknown.length || given.size !== request.choices.length) {
    throw new AppError("UNPROCESSABLE", "Accept or decline each optional choice of the form, once.", {
      choices: [missing.length ? `missing: ${missing.join(", ")}` : `not choices of this form: ${unknown.join(", ") || "a repeated choice"}`],
    });
  }
  return content.choices.map((c) => ({ id: c.id, accepted: given.get(c.id)! }));
}

/** Representative and witness details the form requires, and only those. */
function signerDetails(content: ConsentFormContent, request: TSignConsentRequest) {
  const { signer, witnessRequired } = content.signers;
  if (signer === "representative" && !request.relationship) {
    throw new AppError("UNPROCESSABLE", "Say how you are related to the participant.", {
      relationship: ["is required for a representative's signature"],
    });
  }
  if (witnessRequired && !request.witnessName) {
    throw new AppError("UNPROCESSABLE", "This form is signed in front of a witness: type the witness's name.", { witnessName: ["is required"] });
  }
  return {
    signer,
    relationship: signer === "representative" ? request.relationship! : null,
    witnessName: witnessRequired ? request.witnessName! : null,
  };
}

/**
 * The participant's (or their representative's) electronic signature of the current version of the form at their
 * site (docs/consent.md#records). Re-authenticated by password and printed name; the server sets the UTC instant and
 * the meaning. The `consent.signed` record is pseudonymous: it commits to {name, signedAt, meaning} with a salted hash
 * whose inputs stay in consent_signature and are returned here for the participant's copy. Nothing is written unless
 * everything checks out.
 */
export async function signConsent(viewer: Viewer, input: unknown) {
  const request = parseInput(ZSignConsentRequestSchema, input, "consent signature");
  const database = await db();
  return database.transaction(async (tx) => {
    const who = await viewerParticipant(tx, viewer, { lock: true });
    const version = await signableVersionFor(tx, who, request.formVersionId);
    const [already] = await tx
      .select({ id: consentSignature.id })
      .from(consentSignature)
      .where(and(eq(consentSignature.participantId, who.id), eq(consentSignature.formVersionId, version.id)));
    if (already) throw new AppError("CONFLICT", "You have already signed this version of the form.");
    const [withdrawn] = await tx
      .select({ id: consentWithdrawal.id })
      .from(consentWithdrawal)
      .where(and(eq(consentWithdrawal.participantId, who.id), inArray(consentWithdrawal.scope, [...WITHDRAWAL_SCOPES_ENDING_DATA])));
    if (withdrawn) throw new AppError("CONFLICT", "You have withdrawn from this study; ask the site team to take part again.");
    const attempts = await tx
      .select()
      .from(consentCheckAttempt)
      .where(and(eq(consentCheckAttempt.participantId, who.id), eq(consentCheckAttempt.formVersionId, version.id)))
      .orderBy(desc(consentCheckAttempt.createdAt));
    const passed = attempts.find((a) => a.passed);
    if (!passed) throw new AppError("CONFLICT", "Pass the knowledge check of this form before signing it.");
    const choices = choicesOf(version.content, request);
    const details = signerDetails(version.content, request);
    await confirmSigner(tx, viewer, { password: request.password, email: request.email, printedName: request.printedName });

    const name = request.printedName.replace(/\s+/g, " ");
    const signedAt = new Date().toISOString();
    const meaning = SIGNATURE_MEANING_TEXT[details.signer];
    const salt = randomSalt();
    const manifestation = manifestationCommitment({ name, signedAt, meaning }, salt);
    const [trialRow] = await tx.select({ id: trial.id, publicId: trial.publicId }).from(trial).where(eq(trial.id, who.trialId));
    const record = await recordDomainChange(tx, viewerActor(viewer, "participant", who.siteOrgId), {
      kind: "consent.signed",
      trial: trialRow!,
      subject: who.id,
      body: {
        form: { index: version.leafIndex!, leafHash: version.leafHash! },
        formId: version.formId,
        formVersion: version.version,
        method: "password",
        signer: details.signer,
        witnessed: details.witnessName !== null,
        choices,
        knowledgeCheck: { attempts: attempts.length, score: passed.score, passMark: version.content.knowledgeCheck.passMark },
        manifestation,
      },
      details: { formVersionId: version.id },
    });
    const id = newId("sig");
    await tx.insert(consentSignature).values({
      id,
      participantId: who.id,
      formVersionId: version.id,
      userId: viewer.userId,
      ...details,
      attemptId: passed.id,
      choices,
      name,
      signedAt: new Date(signedAt),
      meaning,
      salt,
      manifestation,
      leafIndex: record.index,
      leafHash: record.leafHash,
    });
    return { signatureId: id, name, signedAt, meaning, salt, manifestation, choices, leafIndex: record.index, leafHash: record.leafHash };
  });
}
