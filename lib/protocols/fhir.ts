/**
 * A registered protocol as a FHIR R4 ResearchStudy (pure). R4 has no outcome-measure element (it arrived in R5),
 * so outcomes are carried in a TrialProof extension; the enrollment target is a contained Group.
 */
import type { TProtocol } from "@/lib/schemas/protocol";
import { isRecruitmentStatus, type RecruitmentStatus } from "@/lib/vocabulary/recruitment-status";

export const FHIR_EXTENSION_BASE = "https://trialproof.org/fhir/StructureDefinition";
export const TRIALPROOF_ID_SYSTEM = "https://trialproof.org/fhir/NamingSystem/trial-id";

/** A registered trial's status (its recruitment status) → R4 research-study-status; unregistered trials are not exported. */
const STATUS: Record<RecruitmentStatus, string> = {
  not_yet_recruiting: "approved",
  recruiting: "active",
  active_not_recruiting: "closed-to-accrual",
  suspended: "temporarily-closed-to-accrual",
  completed: "completed",
  terminated: "administratively-completed",
  withdrawn: "withdrawn",
};

const PHASE: Record<TProtocol["phase"], string> = {
  "n/a": "n-a",
  early_phase_1: "early-phase-1",
  phase_1: "phase-1",
  phase_1_2: "phase-1-phase-2",
  phase_2: "phase-2",
  phase_2_3: "phase-2-phase-3",
  phase_3: "phase-3",
  phase_4: "phase-4",
};

export interface FhirExportInput {
  publicId: string;
  status: string;
  version: number;
  protocol: TProtocol;
  sponsorName: string;
}

const str = (url: string, value: string) => ({ url, valueString: value });

export function protocolToFhirResearchStudy({ publicId, status, version, protocol: p, sponsorName }: FhirExportInput): Record<string, unknown> {
  const contact = (c: TProtocol["publicContact"]) => ({
    name: `${c.name} (${c.affiliation})`,
    telecom: [{ system: "email", value: c.email, use: "work" }],
  });
  const outcome = (type: "primary" | "secondary") => (o: TProtocol["primaryOutcomes"][number]) => ({
    url: `${FHIR_EXTENSION_BASE}/outcome-measure`,
    extension: [{ url: "type", valueCode: type }, str("title", o.title), str("measure", o.measure), str("timeFrame", o.timeFrame)],
  });
  return {
    resourceType: "ResearchStudy",
    id: publicId,
    meta: { versionId: String(version) },
    contained: [
      {
        resourceType: "Group",
        id: "enrollment",
        type: "person",
        actual: false,
        quantity: Number(p.targetSampleSize),
        name: `Target enrollment of ${publicId}`,
      },
    ],
    extension: [...p.primaryOutcomes.map(outcome("primary")), ...p.secondaryOutcomes.map(outcome("secondary"))],
    identifier: [
      { use: "official", system: TRIALPROOF_ID_SYSTEM, value: publicId },
      ...p.secondaryIds.map((s) => ({ use: "secondary", value: s.id, assigner: { display: s.issuer } })),
    ],
    title: p.publicTitle,
    status: isRecruitmentStatus(status) ? STATUS[status] : "in-review",
    primaryPurposeType:
      p.studyType === "interventional"
        ? {
            coding: [{ system: "http://terminology.hl7.org/CodeSystem/research-study-prim-purp-type", code: "treatment" }],
          }
        : undefined,
    phase: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/research-study-phase", code: PHASE[p.phase] }] },
    category: [{ text: p.studyType }],
    condition: p.conditions.map((c) => ({ text: c })),
    contact: [contact(p.publicContact), contact(p.scientificContact)],
    keyword: p.interventions.map((i) => ({ text: i.name })),
    location: p.countries.map((c) => ({ coding: [{ system: "urn:iso:std:iso:3166", code: c }] })),
    description: [
      p.scientificTitle,
      `Interventions: ${p.interventions.map((i) => `${i.name}: ${i.description}`).join("; ")}`,
      `Allocation: ${p.allocation}; masking: ${p.masking}.`,
      `Inclusion criteria: ${p.inclusionCriteria}`,
      `Exclusion criteria: ${p.exclusionCriteria}`,
      `Ethics review: ${p.ethicsReview.committee}, approved ${p.ethicsReview.approvalDate}, reference ${p.ethicsReview.reference}.`,
      `IPD sharing: ${p.ipdSharingStatement}`,
      `Funding: ${p.monetarySupport.join("; ")}`,
    ].join("\n\n"),
    enrollment: [{ reference: "#enrollment" }],
    period: { start: p.anticipatedFirstEnrollment, end: p.anticipatedCompletion },
    sponsor: { display: sponsorName },
    arm: p.arms.map((a) => ({ name: a.label, description: a.description })),
  };
}
