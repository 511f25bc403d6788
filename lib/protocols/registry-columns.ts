import type { TProtocol } from "@/lib/schemas/protocol";

/** The registry's searchable columns of a trial, from its current protocol version (pure). */
export function registryColumnsOf(publicId: string, p: TProtocol, sponsorOrgName: string) {
  const conditions = p.conditions.join("; ");
  const interventions = p.interventions.map((i) => i.name).join("; ");
  const sponsorName = p.primarySponsor || sponsorOrgName;
  return {
    title: p.publicTitle,
    phase: p.phase,
    conditions,
    interventions,
    countries: [...p.countries],
    sponsorName,
    searchText: [publicId, p.publicTitle, p.scientificTitle, conditions, interventions, sponsorName, sponsorOrgName].join(" \u2022 ").toLowerCase(),
  };
}
