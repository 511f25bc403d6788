import type { Role } from "@/lib/schemas/roles";

/**
 * The embedded demo's cast. Wallets are Hardhat's public local test accounts (chain 31337 only);
 * account 0 deploys the contract and anchors, so personas use others.
 */
export interface DemoPersona {
  key: string;
  role: Role;
  name: string;
  email: string;
  org: "sponsor" | "site" | "regulator" | "platform";
  wallet?: `0x${string}`;
}

export const DEMO_ORGS = {
  sponsor: { id: "org_demosponsor", name: "Northwind Therapeutics", kind: "sponsor" },
  site: { id: "org_demosite", name: "Riverside Clinical Research Site", kind: "site" },
  regulator: { id: "org_demoregulator", name: "Medicines Inspectorate (demo)", kind: "regulator" },
  platform: { id: "org_demoplatform", name: "TrialProof Operations", kind: "platform" },
} as const;

export const DEMO_PERSONAS: DemoPersona[] = [
  { key: "sponsor", role: "sponsor_admin", name: "Sofia Sponsor", email: "sponsor@demo.trialproof.test", org: "sponsor", wallet: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" },
  { key: "investigator", role: "investigator", name: "Ivan Investigator", email: "investigator@demo.trialproof.test", org: "site" },
  { key: "participant1", role: "participant", name: "Pat Participant", email: "participant1@demo.trialproof.test", org: "site" },
  { key: "participant2", role: "participant", name: "Paula Participant", email: "participant2@demo.trialproof.test", org: "site" },
  { key: "regulator", role: "regulator", name: "Rita Regulator", email: "regulator@demo.trialproof.test", org: "regulator", wallet: "0x90F79bf6EB2c4f870365E785982E1f101E93b906" },
  { key: "admin", role: "platform_admin", name: "Alex Admin", email: "admin@demo.trialproof.test", org: "platform" },
];

/** The foundation's draft trial (not yet registered on chain). */
export const DEMO_TRIAL = { id: "tri_demo0001", publicId: "TP-2026-0001", title: "Low-dose aspirin for secondary prevention in adults over 60 (draft)" };

/** A trial registered on chain by the demo sponsor's wallet, with a few hundred anchored records. */
export const DEMO_REGISTERED_TRIAL = { id: "tri_demo0002", publicId: "TP-2026-0002", title: "Amlodipine versus placebo for essential hypertension in adults" };
