import "server-only";
import { and, eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { consentCheckAttempt, consentFormVersion, consentReadingProgress, consentSignature } from "@/lib/db/schema";
import type { Viewer } from "@/lib/server/auth/viewer";
import { appliesToSite, viewerParticipant, type FormVersionRow } from "./consent-access";
import { consentStateOf } from "./consent-status-of";

/**
 * What the participant reads and signs: the current version of each of their trial's forms at their site (one per
 * language, say), with where they stopped reading, their attempts and whether they signed it, and their consent
 * status. The knowledge check is shown without its answers and explanations (they come back with an attempt).
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
    signedAt: signatures.find((s) => s.formVersionId === v.id)?.signedAt.toISOString() ?? null,
  }));
  const state = await consentStateOf(database, who.id);
  return { participantId: who.id, status: state!.status, forms };
}
