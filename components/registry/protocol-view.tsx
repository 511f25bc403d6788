import { ALLOCATION_LABEL } from "@/lib/vocabulary/allocation";
import { MASKING_LABEL } from "@/lib/vocabulary/masking";
import { PHASE_LABEL } from "@/lib/vocabulary/phase";
import { RECRUITMENT_STATUS_LABEL } from "@/lib/vocabulary/recruitment-status";
import { STUDY_TYPE_LABEL } from "@/lib/vocabulary/study-type";

const LABELS: Record<string, string> = {
  publicTitle: "Public title",
  scientificTitle: "Scientific title",
  secondaryIds: "Secondary identifiers",
  monetarySupport: "Sources of monetary support",
  primarySponsor: "Primary sponsor",
  secondarySponsors: "Secondary sponsors",
  publicContact: "Contact for public queries",
  scientificContact: "Contact for scientific queries",
  countries: "Countries of recruitment",
  conditions: "Health conditions",
  interventions: "Interventions",
  inclusionCriteria: "Key inclusion criteria",
  exclusionCriteria: "Key exclusion criteria",
  studyType: "Study type",
  phase: "Phase",
  allocation: "Allocation",
  masking: "Masking",
  arms: "Arms",
  targetSampleSize: "Target sample size",
  anticipatedFirstEnrollment: "Anticipated first enrollment",
  anticipatedCompletion: "Anticipated completion",
  recruitmentStatus: "Recruitment status",
  ethicsReview: "Ethics review",
  ipdSharingStatement: "IPD sharing statement",
  primaryOutcomes: "Primary outcomes",
  secondaryOutcomes: "Secondary outcomes",
};

/** The protocol fields whose value is a choice from lib/vocabulary, shown by its label. */
const VALUE_LABELS: Record<string, Record<string, string>> = {
  studyType: STUDY_TYPE_LABEL,
  phase: PHASE_LABEL,
  allocation: ALLOCATION_LABEL,
  masking: MASKING_LABEL,
  recruitmentStatus: RECRUITMENT_STATUS_LABEL,
};

/** A choice field's value as its label; anything else (or a value outside the list, in an old record) as stored. */
export function fieldValue(field: string, value: unknown): unknown {
  const labels = VALUE_LABELS[field];
  return labels && typeof value === "string" && Object.prototype.hasOwnProperty.call(labels, value) ? labels[value] : value;
}

/** A readable name for a protocol field path such as "primaryOutcomes.0.timeFrame". */
export function fieldLabel(path: (string | number)[]): string {
  const [head, ...rest] = path;
  const parts = [LABELS[String(head)] ?? String(head)];
  for (const p of rest) parts.push(typeof p === "number" ? `#${p + 1}` : p.replace(/([A-Z])/g, " $1").toLowerCase());
  return parts.join(" › ");
}

function Value({ value }: { value: unknown }) {
  if (value === null || value === undefined || value === "") return <span className="text-slate-600">—</span>;
  if (typeof value === "string") return <span className="whitespace-pre-wrap">{value}</span>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="text-slate-600">none</span>;
    if (value.every((v) => typeof v === "string")) return <span>{value.join("; ")}</span>;
    return (
      <ol className="flex list-decimal flex-col gap-2 pl-5">
        {value.map((v, i) => (
          <li key={i}>
            <Value value={v} />
          </li>
        ))}
      </ol>
    );
  }
  if (typeof value === "object") {
    return (
      <dl className="grid gap-x-3 gap-y-1 sm:grid-cols-[10rem_1fr]">
        {Object.entries(value as Record<string, unknown>).map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-xs font-medium text-slate-700">{k.replace(/([A-Z])/g, " $1").toLowerCase()}</dt>
            <dd>
              <Value value={v} />
            </dd>
          </div>
        ))}
      </dl>
    );
  }
  return <span>{String(value)}</span>;
}

/** A protocol version as a readable list of its WHO TRDS fields. */
export function ProtocolView({ protocol }: { protocol: Record<string, unknown> }) {
  const keys = [...Object.keys(LABELS).filter((k) => k in protocol), ...Object.keys(protocol).filter((k) => !(k in LABELS))];
  return (
    <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[14rem_1fr]" data-testid="protocol-view">
      {keys.map((k) => (
        <div key={k} className="contents">
          <dt className="font-medium text-slate-800">{LABELS[k] ?? k}</dt>
          <dd className="text-slate-900">
            <Value value={fieldValue(k, protocol[k])} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
