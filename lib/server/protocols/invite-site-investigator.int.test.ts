import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/lib/db/open";
import { invitation, logEnvelope, membership, trialSite, trialSiteInvestigator } from "@/lib/db/schema";
import { seedDemo } from "@/lib/db/seed/seed-demo";
import { AppError } from "@/lib/server/errors/app-error";
import { acceptInvitation } from "@/lib/server/invitations/accept-invitation";
import { freshDatabase } from "@/lib/testing/fresh-database";
import { viewerFor } from "@/lib/testing/viewer";
import { inviteSiteInvestigator } from "./invite-site-investigator";

let database: Database;
let drop: () => Promise<void>;
const pw = "a long enough password";

beforeAll(async () => {
  ({ database, drop } = await freshDatabase());
  await seedDemo(
    database,
    Object.fromEntries(["sponsor", "investigator", "participant1", "participant2", "regulator", "admin"].map((k) => [k, pw])),
    31337,
  );
});
afterAll(async () => drop());

const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as AppError,
  );

describe("the sponsor invites a site investigator", () => {
  it("adds the site to the trial and creates an investigator invitation, both in the trial's log", async () => {
    const sponsor = await viewerFor(database, "usr_demosponsor");
    const created = await inviteSiteInvestigator(sponsor, "tri_demo0001", {
      siteOrgId: "org_demosite",
      email: "New.Investigator@Example.test",
    });
    expect(created).toMatchObject({ siteName: "Riverside Clinical Research Site", siteAdded: true });
    const [row] = await database.select().from(invitation).where(eq(invitation.id, created.id));
    expect(row).toMatchObject({
      role: "investigator",
      organizationId: "org_demosite",
      trialId: "tri_demo0001",
      email: "new.investigator@example.test",
    });
    expect(await database.select().from(trialSite).where(eq(trialSite.trialId, "tri_demo0001"))).toHaveLength(1);
    const kinds = (await database.select().from(logEnvelope).where(eq(logEnvelope.logId, "TP-2026-0001"))).map(
      (r) => (r.envelope as { kind: string }).kind,
    );
    expect(kinds).toEqual(["trial.site_added", "auth.invitation_created"]);

    // A second invitation to the same site does not add the site twice.
    const again = await inviteSiteInvestigator(sponsor, "tri_demo0001", {
      siteOrgId: "org_demosite",
      email: "second@example.test",
    });
    expect(again.siteAdded).toBe(false);
    expect(await database.select().from(trialSite).where(eq(trialSite.trialId, "tri_demo0001"))).toHaveLength(1);

    // Accepting makes the invitee an investigator of that site (no participant pseudonym), assigned to this trial
    // there and to nothing else the site takes part in.
    const accepted = await acceptInvitation(created.path.slice("/invite/".length), {
      name: "Nora Investigator",
      password: pw,
    });
    expect(accepted).toMatchObject({ role: "investigator", participantId: null });
    const roles = await database
      .select()
      .from(membership)
      .where(and(eq(membership.userId, accepted.userId), eq(membership.organizationId, "org_demosite")));
    expect(roles.map((r) => r.role)).toEqual(["investigator"]);
    const assignments = await database.select().from(trialSiteInvestigator).where(eq(trialSiteInvestigator.userId, accepted.userId));
    expect(assignments).toEqual([
      expect.objectContaining({
        trialId: "tri_demo0001",
        siteOrgId: "org_demosite",
        invitationId: created.id,
        createdBy: "usr_demosponsor",
      }),
    ]);
  });

  it("refuses anyone but the trial's sponsor admins, and a non-site organization, writing nothing", async () => {
    const before = (await database.select().from(invitation)).length;
    for (const id of ["usr_demoinvestigator", "usr_demoregulator", "usr_demoadmin", "usr_demoparticipant1"]) {
      const viewer = await viewerFor(database, id);
      expect((await errorOf(inviteSiteInvestigator(viewer, "tri_demo0001", { siteOrgId: "org_demosite", email: "x@example.test" })))?.code).toBe(
        "FORBIDDEN",
      );
    }
    const sponsor = await viewerFor(database, "usr_demosponsor");
    const wrong = await errorOf(inviteSiteInvestigator(sponsor, "tri_demo0001", { siteOrgId: "org_demoregulator", email: "x@example.test" }));
    expect(wrong?.code).toBe("UNPROCESSABLE");
    expect(wrong?.fieldErrors).toHaveProperty("siteOrgId");
    expect((await errorOf(inviteSiteInvestigator(sponsor, "tri_nosuchtrial", { siteOrgId: "org_demosite", email: "x@example.test" })))?.code).toBe(
      "NOT_FOUND",
    );
    expect((await database.select().from(invitation)).length).toBe(before);
  });
});
