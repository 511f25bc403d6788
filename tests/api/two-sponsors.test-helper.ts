// Two sponsors whose trials share one site organization, built through the portal's own use cases (imported by
// *.test.ts only): sponsor A's trial TA and sponsor B's trial TB both at site S; investigator IA assigned to TA and
// IB to TB (each accepted their sponsor's invitation); regulator RA assigned to TA only, and to A's draft TD; one
// participant enrolled in each trial by its investigator, and one invitation still pending in each.
import { and, eq } from "drizzle-orm";
import { setChainRegistration } from "@/lib/server/log/ensure-log";
import type { Database } from "@/lib/db/open";
import { logLeaf, membership, organization, trial } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { sessionCookie, signIn } from "@/lib/server/auth/auth-requests.test-helper";
import { acceptInvitation } from "@/lib/server/invitations/accept-invitation";
import { createInvitation } from "@/lib/server/invitations/create-invitation";
import { assignTrialRegulator } from "@/lib/server/protocols/assign-trial-regulator";
import { createTrial } from "@/lib/server/protocols/create-trial";
import { inviteSiteInvestigator } from "@/lib/server/protocols/invite-site-investigator";
import { createPasswordUser } from "@/lib/server/users/create-password-user";
import { viewerFor } from "@/lib/testing/viewer";

export const PASSWORD = "two sponsors, one site";
export const ORIGIN = new URL(env().BETTER_AUTH_URL).origin;
export const SITE = "org_sharedsite";

export type Person = "SA" | "SB" | "IA" | "IB" | "RA" | "PA" | "PB" | "admin";
export interface TrialRef {
  id: string;
  publicId: string;
}
export interface TwoSponsors {
  TA: TrialRef;
  TB: TrialRef;
  /** Sponsor A's draft, never registered; RA is assigned to it too. */
  TD: TrialRef;
  users: Record<Person, string>;
  cookies: Record<Person, string>;
  /** The participants' pseudonyms and the index of a record about each in their trial's log. */
  PA: { id: string; record: number };
  PB: { id: string; record: number };
  /** Every invitee's email of each trial (investigator, participant, pending participant). */
  emails: { TA: string[]; TB: string[] };
}

const email = (key: string) => `${key.toLowerCase()}@two-sponsors.test`;

async function person(
  database: Database,
  key: string,
  role: "sponsor_admin" | "regulator" | "platform_admin",
  organizationId: string,
): Promise<string> {
  return database.transaction(async (tx) => {
    const { userId } = await createPasswordUser(tx, { name: key, email: email(key), password: PASSWORD });
    await tx.insert(membership).values({ id: `mem_${key.toLowerCase()}`, userId, organizationId, role });
    return userId;
  });
}

const tokenOf = (path: string) => path.slice("/invite/".length);

async function recordAbout(database: Database, publicId: string, subject: string): Promise<number> {
  const [leaf] = await database
    .select({ idx: logLeaf.idx })
    .from(logLeaf)
    .where(and(eq(logLeaf.logId, publicId), eq(logLeaf.subject, subject)));
  if (!leaf) throw new Error(`no record about ${subject} in ${publicId}`);
  return leaf.idx;
}

export async function buildTwoSponsors(database: Database): Promise<TwoSponsors> {
  await database.insert(organization).values([
    { id: "org_sponsora", name: "Sponsor A", kind: "sponsor" },
    { id: "org_sponsorb", name: "Sponsor B", kind: "sponsor" },
    { id: SITE, name: "Shared Site", kind: "site" },
    { id: "org_agency", name: "Agency", kind: "regulator" },
    { id: "org_platform", name: "Platform", kind: "platform" },
  ]);
  const SA = await person(database, "SA", "sponsor_admin", "org_sponsora");
  const SB = await person(database, "SB", "sponsor_admin", "org_sponsorb");
  const RA = await person(database, "RA", "regulator", "org_agency");
  const admin = await person(database, "admin", "platform_admin", "org_platform");
  const [sa, sb] = [await viewerFor(database, SA), await viewerFor(database, SB)];

  const created = async (viewer: typeof sa, title: string) => {
    const t = await createTrial(viewer, { title });
    return { id: t.trialId, publicId: t.publicId };
  };
  const TA = await created(sa, "Trial A");
  const TB = await created(sb, "Trial B");
  const TD = await created(sa, "Trial A draft");

  // Each sponsor invites an investigator of the shared site into their own trial.
  const investigator = async (sponsor: typeof sa, t: TrialRef, key: string) => {
    const inv = await inviteSiteInvestigator(sponsor, t.id, { siteOrgId: SITE, email: email(key) });
    return (await acceptInvitation(tokenOf(inv.path), { name: key, password: PASSWORD })).userId;
  };
  const IA = await investigator(sa, TA, "IA");
  const IB = await investigator(sb, TB, "IB");
  await assignTrialRegulator(sa, TA.id, { userId: RA });
  await assignTrialRegulator(sa, TD.id, { userId: RA });

  // Each investigator enrols a participant in their trial and leaves one invitation pending.
  const enrol = async (investigatorId: string, t: TrialRef, key: string) => {
    const viewer = await viewerFor(database, investigatorId);
    await createInvitation(viewer, { email: email(`${key}-pending`), trialId: t.id, siteOrgId: SITE });
    const inv = await createInvitation(viewer, { email: email(key), trialId: t.id, siteOrgId: SITE });
    return acceptInvitation(tokenOf(inv.path), { name: key, password: PASSWORD });
  };
  const PA = await enrol(IA, TA, "PA");
  const PB = await enrol(IB, TB, "PB");

  // Stands in for the chain's confirmation of version 1 (confirmProtocolOnChain): TA and TB are registered, TD is not.
  for (const [t, sponsorWallet] of [
    [TA, "0x70997970c51812dc3a010c7d01b50e0d17dc79c8"],
    [TB, "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc"],
  ] as const) {
    await database.update(trial).set({ registeredAt: new Date(), status: "recruiting", currentVersion: 1 }).where(eq(trial.id, t.id));
    await setChainRegistration(database, t.publicId, sponsorWallet);
  }

  const users: Record<Person, string> = { SA, SB, IA, IB, RA, PA: PA.userId, PB: PB.userId, admin };
  const cookies = {} as Record<Person, string>;
  let peer = 1;
  for (const [key, userId] of Object.entries(users) as [Person, string][]) {
    const row = await database.query.user.findFirst({ where: (u, { eq: is }) => is(u.id, userId) });
    const res = await signIn(row!.email, PASSWORD, { peer: `10.77.0.${peer++}` });
    if (res.status !== 200) throw new Error(`${key} could not sign in (${res.status})`);
    cookies[key] = sessionCookie(res);
  }
  return {
    TA,
    TB,
    TD,
    users,
    cookies,
    PA: { id: PA.participantId!, record: await recordAbout(database, TA.publicId, PA.participantId!) },
    PB: { id: PB.participantId!, record: await recordAbout(database, TB.publicId, PB.participantId!) },
    emails: {
      TA: [email("IA"), email("PA"), email("PA-pending")],
      TB: [email("IB"), email("PB"), email("PB-pending")],
    },
  };
}
