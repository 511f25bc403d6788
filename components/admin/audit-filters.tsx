import Link from "next/link";
import { RECORD_KIND_LABEL, RECORD_KINDS } from "@/lib/vocabulary/record-kind";
import { Field } from "@/components/ui/field";
import { buttonStyles, inputStyles, linkStyles } from "@/components/ui/styles";

export type AuditFilterValues = Partial<Record<"kind" | "actor" | "trial" | "from" | "to", string>>;

/**
 * The audit trail's filters as a plain GET form (works without JavaScript, and the URL can be shared). Kinds come
 * from the record-kind catalogue; the values are checked on the server with the same schema as the API's.
 */
export function AuditFilters({
  values,
  errors,
  people,
}: {
  values: AuditFilterValues;
  errors: Partial<Record<string, string[]>>;
  people: { id: string; name: string; email: string }[];
}) {
  const kinds = [...RECORD_KINDS].sort((a, b) => RECORD_KIND_LABEL[a].localeCompare(RECORD_KIND_LABEL[b]));
  return (
    <form method="get" action="/admin#audit" className="mb-4 flex flex-col gap-4" data-testid="audit-filters">
      <div className="grid gap-4 md:grid-cols-3 lg:grid-cols-5">
        <Field id="audit-filter-kind" label="Kind" errors={errors.kind}>
          {(props) => (
            <select {...props} name="kind" defaultValue={values.kind ?? ""} className={inputStyles} data-testid="audit-filter-kind">
              <option value="">Any kind</option>
              {kinds.map((kind) => (
                <option key={kind} value={kind}>
                  {RECORD_KIND_LABEL[kind]} ({kind})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="audit-filter-actor" label="Actor" errors={errors.actor}>
          {(props) => (
            <select {...props} name="actor" defaultValue={values.actor ?? ""} className={inputStyles} data-testid="audit-filter-actor">
              <option value="">Anyone</option>
              {values.actor && !people.some((p) => p.id === values.actor) ? <option value={values.actor}>{values.actor}</option> : null}
              {people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.email})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="audit-filter-trial" label="Trial" hint='Public id such as TP-2026-0001, or "portal"' errors={errors.trial}>
          {(props) => <input {...props} name="trial" defaultValue={values.trial ?? ""} className={inputStyles} data-testid="audit-filter-trial" />}
        </Field>
        <Field id="audit-filter-from" label="From (UTC)" hint="2026-11-21, or 2026-11-21T10:15Z" errors={errors.from}>
          {(props) => <input {...props} name="from" defaultValue={values.from ?? ""} className={inputStyles} data-testid="audit-filter-from" />}
        </Field>
        <Field id="audit-filter-to" label="To (UTC)" hint="A day includes the whole UTC day" errors={errors.to}>
          {(props) => <input {...props} name="to" defaultValue={values.to ?? ""} className={inputStyles} data-testid="audit-filter-to" />}
        </Field>
      </div>
      <div className="flex flex-wrap items-center gap-4">
        <button type="submit" className={buttonStyles.primary} data-testid="audit-filter-submit">
          Apply filters
        </button>
        <Link href="/admin#audit" className={linkStyles}>
          Clear filters
        </Link>
      </div>
    </form>
  );
}
