import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { consentToFhir } from "@/lib/consent/fhir";
import { db } from "@/lib/db/client";
import { consentCountersignature, consentFormVersion, consentSignature, consentWithdrawal, participant, trial } from "@/lib/db/schema";
import type { Viewer } from "@/lib/server/auth/viewer";
import { AppError } from "@/lib/server/errors/app-error";
import { sponsorOrgsOf } from "@/lib/server/protocols/sponsor-trial-access";
import { investigatorAssignmentsOf } from "@/lib/server/sites/investigator-assignments";

const notFound = () => new AppError("NOT_FOUND", "No such consent.");

/**
 * One consent as a FHIR R4 Consent (lib/consent/fhir.ts), for the participant it is about, the investigators
 * assigned to its trial at its site, and the trial's sponsor admins (pseudonymous, as the log). Anyone else gets the
 * same 404 as for a consent that does not exist.
 */
export async function exportConsentFhir(viewer: Viewer, signatureId: string) {
  const database = await db();
  const [row] = await database
    .select({ signature: consentSignature, form: consentFormVersion, who: participant, publicId: trial.publicId, sponsorOrgId: trial.sponsorOrgId })
    .from(consentSignature)
    .innerJoin(consentFormVersion, eq(consentFormVersion.id, consentSignature.formVersionId))
    .innerJoin(participant, eq(participant.id, consentSignature.participantId))
    .innerJoin(trial, eq(trial.id, participant.trialId))
    .where(eq(consentSignature.id, signatureId));
  if (!row) throw notFound();
  const own = row.who.userId === viewer.userId;
  const sponsor = sponsorOrgsOf(viewer).includes(row.sponsorOrgId);
  const site = (await investigatorAssignmentsOf(database, viewer)).some((a) => a.trialId === row.who.trialId && a.siteOrgId === row.who.siteOrgId);
  if (!own && !sponsor && !site) throw notFound();

  const [counter] = await database
    .select({ signedAt: consentCountersignature.signedAt })
    .from(consentCountersignature)
    .where(eq(consentCountersignature.signatureId, signatureId));
  // The latest withdrawal of everything or of data collection outranks one of a single choice.
  const withdrawals = await database
    .select()
    .from(consentWithdrawal)
    .where(and(eq(consentWithdrawal.signatureId, signatureId)))
    .orderBy(desc(consentWithdrawal.withdrawnAt));
  const withdrawal = withdrawals.find((w) => w.scope !== "choice") ?? withdrawals[0] ?? null;
  const texts = new Map(row.form.content.choices.map((c) => [c.id, c.text]));
  return consentToFhir({
    signatureId,
    participantId: row.who.id,
    trialPublicId: row.publicId,
    formId: row.form.formId,
    formVersion: row.form.version,
    language: row.form.language,
    signedAt: row.signature.signedAt.toISOString(),
    signer: row.signature.signer,
    leafHash: row.signature.leafHash,
    choices: row.signature.choices.map((c) => ({ ...c, text: texts.get(c.id) ?? c.id })),
    countersignedAt: counter?.signedAt.toISOString() ?? null,
    withdrawal: withdrawal ? { scope: withdrawal.scope, choiceId: withdrawal.choiceId, withdrawnAt: withdrawal.withdrawnAt.toISOString() } : null,
  });
}
