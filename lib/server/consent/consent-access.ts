import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { consentFormVersion, participant, type ConsentSites } from "@/lib/db/schema";
import type { Database, Tx } from "@/lib/db/client";
import type { Viewer } from "@/lib/server/auth/viewer";
import { AppError, notFound } from "@/lib/server/errors/app-error";
import { sponsorTrialFor, type TrialRow } from "@/lib/server/protocols/sponsor-trial-access";

export type FormVersionRow = typeof consentFormVersion.$inferSelect;
export type ParticipantRow = typeof participant.$inferSelect;

/**
 * A form version for a sponsor action: 404 when it does not exist (or is not of `trialId`, when the request names
 * the trial in its path), 403 unless the viewer administers the trial's sponsor organization. `lock` serializes
 * concurrent edits and activations of one version.
 */
export async function sponsorFormVersionFor(
  tx: Tx | Database,
  viewer: Viewer,
  formVersionId: string,
  opts: { lock?: boolean; trialId?: string | undefined } = {},
): Promise<{ version: FormVersionRow; trial: TrialRow }> {
  const query = tx.select().from(consentFormVersion).where(eq(consentFormVersion.id, formVersionId));
  const [version] = opts.lock ? await query.for("update") : await query;
  if (!version || (opts.trialId !== undefined && version.trialId !== opts.trialId)) throw notFound("Consent form version");
  const trial = await sponsorTrialFor(tx, viewer, version.trialId);
  return { version, trial };
}

/** Whether an active version's site list covers a site. */
export const appliesToSite = (sites: ConsentSites | null, siteOrgId: string): boolean => sites === "all" || (sites ?? []).includes(siteOrgId);

/**
 * The version of a form a site's participants sign now: the highest active version that applies to the site. A
 * participant who signed an older version of the form must re-consent (docs/consent.md#statuses).
 */
export async function currentVersionFor(tx: Tx | Database, formId: string, siteOrgId: string): Promise<FormVersionRow | null> {
  const active = await tx
    .select()
    .from(consentFormVersion)
    .where(and(eq(consentFormVersion.formId, formId), eq(consentFormVersion.state, "active")))
    .orderBy(desc(consentFormVersion.version));
  return active.find((v) => appliesToSite(v.sites, siteOrgId)) ?? null;
}

/**
 * The viewer's own enrolment, for a participant action: 403 without the participant role, 404 without an enrolment.
 * `lock` takes a row lock so that one participant's signatures and withdrawals are serialized.
 */
export async function viewerParticipant(tx: Tx | Database, viewer: Viewer, opts: { lock?: boolean } = {}): Promise<ParticipantRow> {
  if (!viewer.roles.includes("participant")) throw new AppError("FORBIDDEN", "Only participants can do this.");
  const query = tx.select().from(participant).where(eq(participant.userId, viewer.userId));
  const [row] = opts.lock ? await query.for("update") : await query;
  if (!row) throw notFound("Participant record");
  return row;
}

/**
 * A form version the participant may read, answer and sign now: of their trial (404 otherwise, as for a version that
 * does not exist), active, and the current version of its form at their site (409 otherwise).
 */
export async function signableVersionFor(tx: Tx | Database, who: ParticipantRow, formVersionId: string): Promise<FormVersionRow> {
  const [version] = await tx.select().from(consentFormVersion).where(eq(consentFormVersion.id, formVersionId));
  if (!version || version.trialId !== who.trialId || version.state !== "active") throw notFound("Consent form version");
  const current = await currentVersionFor(tx, version.formId, who.siteOrgId);
  if (current?.id !== version.id) {
    throw new AppError("CONFLICT", `Version ${version.version} of this consent form is not the one in use at your site.`);
  }
  return version;
}
