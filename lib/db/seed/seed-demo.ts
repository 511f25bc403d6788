import { sql } from "drizzle-orm";
import { hashPassword } from "better-auth/crypto";
import type { Database } from "../open";
import { rowsOf } from "../rows";
import { account, membership, organization, trial, user, walletAddress } from "../schema";
import { DEMO_ORGS, DEMO_PERSONAS, DEMO_TRIAL } from "./demo-data";

/**
 * Seeds the demo cast into an empty database, in one transaction. Passwords are supplied by the caller
 * (generated per installation or from DEMO_PASSWORD), never stored in the repository. What the cast does in a trial
 * (the investigator's assignment, the participants' enrolment) comes with the registered trial, in seedDemoTrialLog.
 */
export async function seedDemo(database: Database, passwords: Record<string, string>, chainId: number): Promise<void> {
  await database.transaction(async (tx) => {
    const n = rowsOf<{ n: number }>(await tx.execute(sql`select count(*)::int as n from "user"`))[0]?.n ?? 0;
    if (n > 0) throw new Error("seedDemo: database already has users; refusing to seed over real data");
    await tx.insert(organization).values(Object.values(DEMO_ORGS).map((o) => ({ id: o.id, name: o.name, kind: o.kind })));
    for (const p of DEMO_PERSONAS) {
      const userId = `usr_demo${p.key}`;
      const password = passwords[p.key];
      if (!password) throw new Error(`seedDemo: no password for ${p.key}`);
      await tx.insert(user).values({ id: userId, name: p.name, email: p.email, emailVerified: true });
      await tx.insert(account).values({
        id: `acc_demo${p.key}`,
        accountId: userId,
        providerId: "credential",
        userId,
        password: await hashPassword(password),
      });
      await tx.insert(membership).values({ id: `mem_demo${p.key}`, userId, organizationId: DEMO_ORGS[p.org].id, role: p.role });
      if (p.wallet) {
        await tx.insert(walletAddress).values({ id: `wal_demo${p.key}`, userId, address: p.wallet, chainId, isPrimary: true });
      }
    }
    await tx.insert(trial).values({ ...DEMO_TRIAL, sponsorOrgId: DEMO_ORGS.sponsor.id, createdBy: "usr_demosponsor" });
  });
}
