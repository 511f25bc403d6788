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
  {
    key: "sponsor",
    role: "sponsor_admin",
    name: "Sofia Sponsor",
    email: "sponsor@demo.trialproof.test",
    org: "sponsor",
    wallet: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
  },
  {
    key: "investigator",
    role: "investigator",
    name: "Ivan Investigator",
    email: "investigator@demo.trialproof.test",
    org: "site",
  },
  {
    key: "participant1",
    role: "participant",
    name: "Pat Participant",
    email: "participant1@demo.trialproof.test",
    org: "site",
  },
  {
    key: "participant2",
    role: "participant",
    name: "Paula Participant",
    email: "participant2@demo.trialproof.test",
    org: "site",
  },
  {
    key: "regulator",
    role: "regulator",
    name: "Rita Regulator",
    email: "regulator@demo.trialproof.test",
    org: "regulator",
    wallet: "0x90F79bf6EB2c4f870365E785982E1f101E93b906",
  },
  { key: "admin", role: "platform_admin", name: "Alex Admin", email: "admin@demo.trialproof.test", org: "platform" },
];

/** The foundation's draft trial (not yet registered on chain). */
export const DEMO_TRIAL = {
  id: "tri_demo0001",
  publicId: "TP-2026-0001",
  title: "Low-dose aspirin for secondary prevention in adults over 60 (draft)",
};

/** A trial registered on chain by the demo sponsor's wallet, with a few hundred anchored records. */
export const DEMO_REGISTERED_TRIAL = {
  id: "tri_demo0002",
  publicId: "TP-2026-0002",
  title: "Amlodipine versus placebo for essential hypertension in adults",
};

/** Version 1 of the registered demo trial's protocol (a complete WHO TRDS protocol, lib/schemas/protocol.ts). */
export const DEMO_REGISTERED_PROTOCOL = {
  publicTitle: DEMO_REGISTERED_TRIAL.title,
  scientificTitle: "A randomised, double-blind, placebo-controlled trial of amlodipine 5 mg once daily in adults with essential hypertension",
  secondaryIds: [{ issuer: "Demo registry", id: "DEMO-2026-0002" }],
  monetarySupport: ["Northwind Therapeutics"],
  primarySponsor: "Northwind Therapeutics",
  secondarySponsors: [],
  publicContact: { name: "Trial office", email: "trials@northwind.example", affiliation: "Northwind Therapeutics" },
  scientificContact: {
    name: "Ivan Investigator",
    email: "investigator@demo.trialproof.test",
    affiliation: "Riverside Clinical Research Site",
  },
  countries: ["GB"],
  conditions: ["Essential hypertension"],
  interventions: [
    { name: "Amlodipine", description: "Amlodipine 5 mg orally once daily for 12 weeks" },
    { name: "Placebo", description: "Matching placebo orally once daily for 12 weeks" },
  ],
  inclusionCriteria: "Adults aged 18 to 75 with seated systolic blood pressure 140-179 mm Hg at screening",
  exclusionCriteria: "Secondary hypertension; pregnancy or breastfeeding; severe renal or hepatic impairment",
  studyType: "interventional",
  phase: "phase_3",
  allocation: "randomized",
  masking: "double",
  arms: [
    { label: "Amlodipine", description: "Amlodipine 5 mg once daily" },
    { label: "Placebo", description: "Matching placebo once daily" },
  ],
  targetSampleSize: "40",
  anticipatedFirstEnrollment: "2026-09-01",
  anticipatedCompletion: "2027-03-31",
  recruitmentStatus: "recruiting",
  ethicsReview: {
    committee: "Riverside Research Ethics Committee (demo)",
    approvalDate: "2026-08-01",
    reference: "REC-DEMO-0002",
  },
  ipdSharingStatement: "No individual participant data will be shared (demonstration trial).",
  primaryOutcomes: [
    {
      title: "Change in seated systolic blood pressure",
      measure: "Seated systolic blood pressure, mean of three readings",
      timeFrame: "Baseline to week 12",
      code: "systolic_bp",
      unit: "mm[Hg]",
      plausibleLow: "60",
      plausibleHigh: "260",
    },
  ],
  secondaryOutcomes: [
    {
      title: "Change in seated diastolic blood pressure",
      measure: "Seated diastolic blood pressure, mean of three readings",
      timeFrame: "Baseline to week 12",
      code: "diastolic_bp",
      unit: "mm[Hg]",
      plausibleLow: "30",
      plausibleHigh: "150",
    },
  ],
  visits: [
    { code: "baseline", label: "Baseline", dayOffset: "0", windowDays: "0" },
    { code: "week_4", label: "Week 4", dayOffset: "28", windowDays: "3" },
    { code: "week_8", label: "Week 8", dayOffset: "56", windowDays: "3" },
    { code: "week_12", label: "Week 12", dayOffset: "84", windowDays: "7" },
  ],
} as const;
