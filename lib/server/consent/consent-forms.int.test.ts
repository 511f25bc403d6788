// Consent form versions, from the sponsor's side: drafts are edited, activation logs the whole form with its ethics
// approval and freezes the version (the use case answers 409, and the database refuses any UPDATE or DELETE of an
// active version, even the owner's), and changes make a new version copied from the latest.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/open";
import { consentFormVersion, logEnvelope } from "@/lib/db/schema";
import { DEMO_CONSENT_FORM } from "@/lib/db/seed/demo-consent";
import { parseEnvelope } from "@/lib/integrity";
import { rejectionMessage } from "@/lib/testing/db-errors";
import { freshDatabase } from "@/lib/testing/fresh-database";
import { viewerFor } from "@/lib/testing/viewer";
import { activateConsentVersion } from "./activate-consent-version";
import { errorOf, OTHER_SITE, seedConsentWorld, TRIAL } from "./consent.test-helper";
import { createConsentForm } from "./create-consent-form";
import { listConsentVersions } from "./list-consent-versions";
import { newConsentVersion } from "./new-consent-version";
import { saveConsentDraft } from "./save-consent-draft";

let database: Database;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ database, drop } = await freshDatabase());
  await seedConsentWorld(database);
});
afterAll(async () => drop());

const sponsor = () => viewerFor(database, "usr_demosponsor");
const ethics = { committee: "Riverside Research Ethics Committee (demo)", reference: "REC-DEMO-0002/A1", approvalDate: "2026-11-01" };
const draft = (over: Record<string, unknown> = {}) => ({
  trialId: TRIAL.id,
  protocolVersion: 1,
  language: "fr",
  title: "Information et consentement",
  content: DEMO_CONSENT_FORM.content,
  ...over,
});
const saveRequest = (formVersionId: string, over: Record<string, unknown> = {}) => {
  const { trialId: _, ...rest } = draft(over);
  return { formVersionId, ...rest };
};

describe("consent form versions", () => {
  it("creates a draft, refuses anyone but the trial's sponsor admins, and names the offending field of bad input", async () => {
    for (const id of ["usr_demoinvestigator", "usr_demoparticipant1", "usr_demoregulator", "usr_demoadmin"]) {
      expect((await errorOf(createConsentForm(await viewerFor(database, id), draft())))?.code).toBe("FORBIDDEN");
    }
    const tooHigh = { ...DEMO_CONSENT_FORM.content, knowledgeCheck: { ...DEMO_CONSENT_FORM.content.knowledgeCheck, passMark: 3 } };
    const bad = await errorOf(createConsentForm(await sponsor(), draft({ content: tooHigh, language: "French" })));
    expect(bad?.code).toBe("UNPROCESSABLE");
    expect(Object.keys(bad!.fieldErrors!).sort()).toEqual(["content.knowledgeCheck.passMark", "language"]);
    const noAlt = { ...DEMO_CONSENT_FORM.content, sections: [{ title: "Video", body: "Watch", media: { url: "https://example.org/v.mp4" } }] };
    expect(Object.keys((await errorOf(createConsentForm(await sponsor(), draft({ content: noAlt }))))!.fieldErrors!)).toEqual([
      "content.sections.0.media.alt",
    ]);

    const created = await createConsentForm(await sponsor(), draft());
    expect(created).toMatchObject({ version: 1 });
    const saved = await saveConsentDraft(await sponsor(), saveRequest(created.id, { title: "Consentement éclairé" }));
    expect(saved.updatedAt).toMatch(/Z$/);
    const [row] = await database.select().from(consentFormVersion).where(eq(consentFormVersion.id, created.id));
    expect(row).toMatchObject({ state: "draft", title: "Consentement éclairé", leafIndex: null });
  });

  it("activation needs an ethics approval and sites of the trial, then logs the whole form and freezes the version", async () => {
    const created = await createConsentForm(await sponsor(), draft({ language: "de", title: "Einwilligung" }));
    const missing = await errorOf(activateConsentVersion(await sponsor(), { formVersionId: created.id, sites: "all" }));
    expect(Object.keys(missing!.fieldErrors!)).toEqual(["ethicsApproval"]);
    const stranger = await errorOf(
      activateConsentVersion(await sponsor(), { formVersionId: created.id, ethicsApproval: ethics, sites: ["org_demoregulator"] }),
    );
    expect(stranger?.code).toBe("UNPROCESSABLE");
    expect(stranger?.fieldErrors).toHaveProperty("sites");
    expect(
      (
        await errorOf(
          activateConsentVersion(await viewerFor(database, "usr_demoinvestigator"), {
            formVersionId: created.id,
            ethicsApproval: ethics,
            sites: "all",
          }),
        )
      )?.code,
    ).toBe("FORBIDDEN");

    const activated = await activateConsentVersion(await sponsor(), { formVersionId: created.id, ethicsApproval: ethics, sites: [OTHER_SITE] });
    const [stored] = await database
      .select()
      .from(logEnvelope)
      .where(and(eq(logEnvelope.logId, TRIAL.publicId), eq(logEnvelope.idx, activated.leafIndex)));
    const parsed = parseEnvelope(stored!.envelope);
    expect(parsed.ok && parsed.value.kind).toBe("consent.form");
    expect(stored!.envelope).toMatchObject({
      actor: { role: "sponsor" },
      body: { formId: created.formId, version: 1, language: "de", content: DEMO_CONSENT_FORM.content, ethicsApproval: ethics, sites: [OTHER_SITE] },
    });

    // Active: the use case refuses edits and a second activation...
    expect((await errorOf(saveConsentDraft(await sponsor(), saveRequest(created.id))))?.code).toBe("CONFLICT");
    expect((await errorOf(activateConsentVersion(await sponsor(), { formVersionId: created.id, ethicsApproval: ethics, sites: "all" })))?.code).toBe(
      "CONFLICT",
    );
    // ...and the database refuses to change or remove it, for the application and for the owner alike.
    const tamper = sql`update consent_form_version set title = 'Edited' where id = ${created.id}`;
    expect(await rejectionMessage(database.execute(tamper))).toMatch(/is active: UPDATE refused/);
    expect(await rejectionMessage(database.$asOwner((owner) => owner.execute(tamper)))).toMatch(/is active: UPDATE refused/);
    const remove = sql`delete from consent_form_version where id = ${created.id}`;
    expect(await rejectionMessage(database.$asOwner((owner) => owner.execute(remove)))).toMatch(/is active: DELETE refused/);
    const [row] = await database.select().from(consentFormVersion).where(eq(consentFormVersion.id, created.id));
    expect(row).toMatchObject({ title: "Einwilligung", state: "active", leafIndex: activated.leafIndex });
  });

  it("changes make a new draft version copied from the latest, one draft at a time, and the list counts signatures", async () => {
    const next = await newConsentVersion(await sponsor(), { fromVersionId: "cfv_demo0001" });
    expect(next).toMatchObject({ formId: DEMO_CONSENT_FORM.formId, version: 2 });
    const [copy] = await database.select().from(consentFormVersion).where(eq(consentFormVersion.id, next.id));
    expect(copy).toMatchObject({ state: "draft", title: DEMO_CONSENT_FORM.title, content: DEMO_CONSENT_FORM.content, ethicsApproval: null });
    expect((await errorOf(newConsentVersion(await sponsor(), { fromVersionId: "cfv_demo0001" })))?.code).toBe("CONFLICT");
    expect((await errorOf(newConsentVersion(await viewerFor(database, "usr_demoinvestigator"), { fromVersionId: "cfv_demo0001" })))?.code).toBe(
      "FORBIDDEN",
    );

    const list = await listConsentVersions(await sponsor(), { trialId: TRIAL.id });
    const demo = list.filter((v) => v.formId === DEMO_CONSENT_FORM.formId);
    expect(demo.map((v) => [v.version, v.state, v.language, v.sites, v.signedCount])).toEqual([
      [1, "active", "en", "all", 0],
      [2, "draft", "en", null, 0],
    ]);
    expect(demo[0]!.activatedAt).toBeInstanceOf(Date);
    expect(list).toHaveLength(4);
    expect((await errorOf(listConsentVersions(await viewerFor(database, "usr_demoinvestigator"), { trialId: TRIAL.id })))?.code).toBe("FORBIDDEN");
  });
});
