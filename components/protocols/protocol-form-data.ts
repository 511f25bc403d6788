/** Turns whatever draft the server holds (the draft schema is lenient) into a complete form value, and back. */
import type { FieldErrors } from "@/components/api-client";
import { ZProtocolSchema, type TProtocol } from "@/lib/schemas/protocol";

/** A form's view of a value: every leaf a string (a choice not made yet is ""), every group present. */
type FormOf<T> = T extends string
  ? string
  : T extends readonly (infer U)[]
    ? FormOf<U>[]
    : T extends object
      ? { [K in keyof T]-?: FormOf<NonNullable<T[K]>> }
      : string;

/**
 * The WHO TRDS protocol as the form edits it: the shape of the shared schema's protocol (lib/schemas/protocol.ts),
 * before validation. A client-only state: what the server accepts is decided by the schema.
 */
export type ProtocolForm = FormOf<TProtocol>;
export type Contact = ProtocolForm["publicContact"];
type Outcome = ProtocolForm["primaryOutcomes"][number];

function rec(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
function str(value: unknown): string {
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : "";
}
function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(str) : [];
}
function rows<K extends string>(value: unknown, keys: readonly K[]): Record<K, string>[] {
  if (!Array.isArray(value)) return [];
  return value.map((item) => {
    const r = rec(item);
    return Object.fromEntries(keys.map((k) => [k, str(r[k])])) as Record<K, string>;
  });
}
function contact(value: unknown): Contact {
  const r = rec(value);
  return { name: str(r.name), email: str(r.email), affiliation: str(r.affiliation) };
}
// The measure fields (lib/schemas/protocol-measures.ts) travel with the form even where it shows no input for them,
// so that saving the draft from the form keeps what the sponsor set through the API.
const OUTCOME_KEYS = ["title", "measure", "timeFrame", "code", "unit", "plausibleLow", "plausibleHigh"] as const;
const VISIT_KEYS = ["code", "label", "dayOffset", "windowDays"] as const;

export function emptyProtocol(): ProtocolForm {
  return toProtocolForm({});
}

export function toProtocolForm(data: unknown): ProtocolForm {
  const d = rec(data);
  const ethics = rec(d.ethicsReview);
  return {
    publicTitle: str(d.publicTitle),
    scientificTitle: str(d.scientificTitle),
    secondaryIds: rows(d.secondaryIds, ["issuer", "id"] as const),
    monetarySupport: strings(d.monetarySupport),
    primarySponsor: str(d.primarySponsor),
    secondarySponsors: strings(d.secondarySponsors),
    publicContact: contact(d.publicContact),
    scientificContact: contact(d.scientificContact),
    countries: strings(d.countries),
    conditions: strings(d.conditions),
    interventions: rows(d.interventions, ["name", "description"] as const),
    inclusionCriteria: str(d.inclusionCriteria),
    exclusionCriteria: str(d.exclusionCriteria),
    studyType: str(d.studyType),
    phase: str(d.phase),
    allocation: str(d.allocation),
    masking: str(d.masking),
    arms: rows(d.arms, ["label", "description"] as const),
    targetSampleSize: str(d.targetSampleSize),
    anticipatedFirstEnrollment: str(d.anticipatedFirstEnrollment),
    anticipatedCompletion: str(d.anticipatedCompletion),
    recruitmentStatus: str(d.recruitmentStatus),
    ethicsReview: {
      committee: str(ethics.committee),
      approvalDate: str(ethics.approvalDate),
      reference: str(ethics.reference),
    },
    ipdSharingStatement: str(d.ipdSharingStatement),
    primaryOutcomes: rows(d.primaryOutcomes, OUTCOME_KEYS) as Outcome[],
    secondaryOutcomes: rows(d.secondaryOutcomes, OUTCOME_KEYS) as Outcome[],
    visits: rows(d.visits, VISIT_KEYS),
  };
}

/**
 * The draft as sent to the server: empty optional text is left out rather than sent as "", and empty list lines
 * are dropped, so that "not filled in yet" reads as missing (a clear "required" message) rather than malformed.
 */
export function toDraftData(form: ProtocolForm): Record<string, unknown> {
  const clean = (value: unknown): unknown => {
    if (typeof value === "string") return value.trim() === "" ? undefined : value;
    if (Array.isArray(value)) {
      // Rows of a repeatable group keep their position (an empty row stays `{}`), so that the server's field
      // errors ("primaryOutcomes.1.timeFrame") land on the row the sponsor sees; empty lines of a list are dropped.
      return value.map((v) => (typeof v === "object" && v !== null ? (clean(v) ?? {}) : clean(v))).filter((v) => v !== undefined);
    }
    if (typeof value === "object" && value !== null) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        const c = clean(v);
        if (c !== undefined) out[k] = c;
      }
      return Object.keys(out).length ? out : undefined;
    }
    return value;
  };
  return (clean(form) as Record<string, unknown> | undefined) ?? {};
}

/** Issues of the shared protocol schema for the form's value, keyed by field path like the server's fieldErrors. */
export function clientErrorsOf(form: ProtocolForm): FieldErrors {
  const parsed = ZProtocolSchema.safeParse(toDraftData(form));
  if (parsed.success) return {};
  const out: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.map(String).join(".") || "_";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}
