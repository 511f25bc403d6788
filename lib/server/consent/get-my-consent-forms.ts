import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import {
  consentCheckAttempt,
  consentCountersignature,
  consentFormVersion,
  consentReadingProgress,
  consentSignature,
  consentWithdrawal,
} from "@/lib/db/schema";
import type { Viewer } from "@/lib/server/auth/viewer";
import { appliesToSite, viewerParticipant, type FormVersionRow } from "./consent-access";
import { consentStateOf } from "./consent-status-of";

/**
 * What the participant reads and signs: the current version of each of their trial's forms at their site (one per
 * language, say), with where they stopped reading, their attempts and whether they signed it, and their consent
 * status. The knowledge check is shown without its answers and explanations (they come back with an attempt).
 * `history` lists every version they signed (oldest first) with their answers to its optional choices, and
 * `withdrawals` what they withdrew from, so that the dashboard and the withdrawal page read one answer.
 */
export async function getMyConsentForms(viewer: Viewer) {
  const database = await db();
  const who = await viewerParticipant(database, viewer);
  const active = await database
    .select()
    .from(consentFormVersion)
    .where(and(eq(consentFormVersion.trialId, who.trialId), eq(consentFormVersion.state, "active")));
  const current = new Map<string, FormVersionRow>();
  for (const v of active) {
    if (appliesToSite(v.sites, who.siteOrgId) && v.version > (current.get(v.formId)?.version ?? 0)) current.set(v.formId, v);
  }
  const progress = await database.select().from(consentReadingProgress).where(eq(consentReadingProgress.participantId, who.id));
  const attempts = await database.select().from(consentCheckAttempt).where(eq(consentCheckAttempt.participantId, who.id));
  const signatures = await database.select().from(consentSignature).where(eq(consentSignature.participantId, who.id));
  const forms = [...current.values()].map((v) => ({
    id: v.id,
    formId: v.formId,
    version: v.version,
    language: v.language,
    title: v.title,
    sections: v.content.sections,
    glossary: v.content.glossary,
    questions: v.content.knowledgeCheck.questions.map(({ id, kind, prompt, options }) => ({ id, kind, prompt, options })),
    passMark: v.content.knowledgeCheck.passMark,
    choices: v.content.choices,
    signers: v.content.signers,
    sectionIndex: progress.find((p) => p.formVersionId === v.id)?.sectionIndex ?? 0,
    attempts: attempts.filter((a) => a.formVersionId === v.id).length,
    passed: attempts.some((a) => a.formVersionId === v.id && a.passed),
    passedScore: attempts.find((a) => a.formVersionId === v.id && a.passed)?.score ?? null,
    signedAt: signatures.find((s) => s.formVersionId === v.id)?.signedAt.toISOString() ?? null,
  }));
  const history = await database
    .select({
      id: consentSignature.id,
      formVersionId: consentSignature.formVersionId,
      formId: consentFormVersion.formId,
      version: consentFormVersion.version,
      title: consentFormVersion.title,
      language: consentFormVersion.language,
      choices: consentSignature.choices,
      content: consentFormVersion.content,
      signedAt: consentSignature.signedAt,
      countersignedAt: consentCountersignature.signedAt,
    })
    .from(consentSignature)
    .innerJoin(consentFormVersion, eq(consentFormVersion.id, consentSignature.formVersionId))
    .leftJoin(consentCountersignature, eq(consentCountersignature.signatureId, consentSignature.id))
    .where(eq(consentSignature.participantId, who.id))
    .orderBy(asc(consentSignature.signedAt));
  const withdrawals = await database
    .select({
      signatureId: consentWithdrawal.signatureId,
      scope: consentWithdrawal.scope,
      choiceId: consentWithdrawal.choiceId,
      withdrawnAt: consentWithdrawal.withdrawnAt,
    })
    .from(consentWithdrawal)
    .where(eq(consentWithdrawal.participantId, who.id))
    .orderBy(asc(consentWithdrawal.withdrawnAt));
  const state = await consentStateOf(database, who.id);
  return {
    participantId: who.id,
    status: state!.status,
    forms,
    history: history.map(({ content, choices, signedAt, countersignedAt, ...h }) => ({
      ...h,
      signedAt: signedAt.toISOString(),
      countersignedAt: countersignedAt?.toISOString() ?? null,
      choices: choices.map((c) => ({ ...c, text: content.choices.find((x) => x.id === c.id)?.text ?? c.id })),
    })),
    withdrawals: withdrawals.map((w) => ({ ...w, withdrawnAt: w.withdrawnAt.toISOString() })),
  };
}
