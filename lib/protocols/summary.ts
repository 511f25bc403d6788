import { PHASE_LABEL, type TProtocol } from "@/lib/schemas/protocol";

/** A short, readable summary of what the sponsor's wallet commits to (pure; browser and server). */
export function protocolSummary(publicId: string, version: number, p: Partial<TProtocol>, reason?: string): string {
  const lines = [
    `${publicId} protocol version ${version}${version === 1 ? " (registration)" : " (amendment)"}: ${p.publicTitle ?? "untitled"}`,
    p.primarySponsor ? `Sponsor: ${p.primarySponsor}` : null,
    p.phase || p.studyType
      ? `Design: ${[p.studyType, p.phase ? PHASE_LABEL[p.phase] : null, p.allocation, p.masking ? `masking ${p.masking}` : null].filter(Boolean).join(", ")}`
      : null,
    p.conditions?.length ? `Conditions: ${p.conditions.join("; ")}` : null,
    p.interventions?.length ? `Interventions: ${p.interventions.map((i) => i.name).join("; ")}` : null,
    p.targetSampleSize ? `Target sample size: ${p.targetSampleSize}` : null,
    p.countries?.length ? `Countries: ${p.countries.join(", ")}` : null,
    // The measure code and unit are what sites will record against: the wallet signs them too.
    p.primaryOutcomes?.length
      ? `Primary outcomes: ${p.primaryOutcomes.map((o) => `${o.title} (${o.timeFrame}${o.code ? `; ${o.code} in ${o.unit}` : ""})`).join("; ")}`
      : null,
    p.secondaryOutcomes?.length ? `Secondary outcomes: ${p.secondaryOutcomes.length}` : null,
    p.visits?.length ? `Visits: ${p.visits.map((v) => `${v.code} (day ${v.dayOffset} ± ${v.windowDays})`).join(", ")}` : null,
    reason ? `Reason for amendment: ${reason}` : null,
  ];
  return lines.filter(Boolean).join("\n");
}
