/**
 * Registry rows for tests and the registry benchmark: registered trials written straight into `trial` (with the
 * registry columns the confirmation use case derives from the protocol, via the same registryColumnsOf), without
 * a log or a chain. Only the registry list reads these rows; tests of registration itself go through the chain.
 */
import { randomBytes } from "node:crypto";
import type { Database } from "@/lib/db/open";
import { membership, organization, trial, user } from "@/lib/db/schema";
import { registryColumnsOf } from "@/lib/protocols/registry-columns";
import type { TProtocol } from "@/lib/schemas/protocol";
import { PHASES } from "@/lib/vocabulary/phase";
import { RECRUITMENT_STATUSES } from "@/lib/vocabulary/recruitment-status";

const CONDITIONS = [
  "Essential hypertension",
  "Type 2 diabetes",
  "Asthma",
  "Major depressive disorder",
  "Breast cancer",
  "Heart failure",
  "Chronic kidney disease",
  "Migraine",
  "Rheumatoid arthritis",
  "COVID-19",
  "Atrial fibrillation",
  "Psoriasis",
];
const INTERVENTIONS = [
  "Amlodipine",
  "Metformin",
  "Budesonide",
  "Sertraline",
  "Trastuzumab",
  "Dapagliflozin",
  "Empagliflozin",
  "Erenumab",
  "Methotrexate",
  "Nirmatrelvir",
  "Apixaban",
  "Secukinumab",
];
const COUNTRIES = ["GB", "FR", "DE", "US", "ES", "IT", "NL", "SE", "PL", "JP", "CA", "BR"];
const SPONSORS = ["Northwind Therapeutics", "Contoso Pharma", "Fabrikam Biotech", "Riverside University Hospital", "Adatum Clinical Research"];

export async function seedRegistryTrialsForTest(database: Database, count: number, opts: { year?: number; startAt?: number } = {}): Promise<void> {
  const token = randomBytes(4).toString("hex");
  const orgId = `org_reg${token}`;
  const userId = `usr_reg${token}`;
  await database.insert(organization).values({ id: orgId, name: `Registry sponsor ${token}`, kind: "sponsor" });
  await database.insert(user).values({ id: userId, name: "Registry seed", email: `registry-${token}@example.test`, emailVerified: true });
  await database.insert(membership).values({ id: `mem_reg${token}`, userId, organizationId: orgId, role: "sponsor_admin" });
  const year = opts.year ?? 2025;
  const base = Date.UTC(year, 0, 1);
  const rows = Array.from({ length: count }, (_, k) => {
    const i = (opts.startAt ?? 0) + k;
    const publicId = `TP-${year}-${String(i + 1).padStart(4, "0")}`;
    const protocol = {
      publicTitle: `${INTERVENTIONS[i % 12]} for ${CONDITIONS[(i * 7) % 12]!.toLowerCase()} study ${i + 1}`,
      scientificTitle: `A trial of ${INTERVENTIONS[i % 12]} in ${CONDITIONS[(i * 7) % 12]}`,
      conditions: [CONDITIONS[(i * 7) % 12]!, ...(i % 5 === 0 ? [CONDITIONS[(i + 3) % 12]!] : [])],
      interventions: [{ name: INTERVENTIONS[i % 12]!, description: "" }],
      primarySponsor: SPONSORS[i % 5]!,
      phase: PHASES[i % PHASES.length]!,
      countries: [COUNTRIES[i % 12]!, ...(i % 3 === 0 ? [COUNTRIES[(i + 5) % 12]!] : [])],
    } as unknown as TProtocol;
    return {
      id: `tri_${token}${i}`,
      publicId,
      sponsorOrgId: orgId,
      createdBy: userId,
      status: RECRUITMENT_STATUSES[i % RECRUITMENT_STATUSES.length]!,
      registeredAt: new Date(base + i * 3_600_000),
      currentVersion: 1 + (i % 3),
      ...registryColumnsOf(publicId, protocol, `Registry sponsor ${token}`),
    };
  });
  for (let i = 0; i < rows.length; i += 500) await database.insert(trial).values(rows.slice(i, i + 500));
}
