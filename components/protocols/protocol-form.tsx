"use client";

import type { FieldErrors } from "@/components/api-client";
import { Field } from "@/components/ui/field";
import { inputStyles } from "@/components/ui/styles";
import { ALLOCATION_LABEL, ALLOCATIONS } from "@/lib/vocabulary/allocation";
import { MASKING_LABEL, MASKINGS } from "@/lib/vocabulary/masking";
import { PHASE_LABEL, PHASES } from "@/lib/vocabulary/phase";
import { RECRUITMENT_STATUS_LABEL, RECRUITMENT_STATUSES } from "@/lib/vocabulary/recruitment-status";
import { STUDY_TYPE_LABEL, STUDY_TYPES } from "@/lib/vocabulary/study-type";
import { Fieldset, Repeat, testId } from "./protocol-form-parts";
import type { Contact, ProtocolForm } from "./protocol-form-data";

type Path = string;

/**
 * The WHO Trial Registration Data Set form. Controlled: the editor owns the value, autosaves it and passes in the
 * field errors (from the shared schema on the client and the server's fieldErrors), keyed by field path.
 */
export function ProtocolFormFields({
  value,
  onChange,
  errors,
  disabled,
}: {
  value: ProtocolForm;
  onChange: (next: ProtocolForm) => void;
  errors: FieldErrors;
  disabled?: boolean;
}) {
  const set = <K extends keyof ProtocolForm>(key: K, v: ProtocolForm[K]) => onChange({ ...value, [key]: v });
  const errs = (path: Path) => errors[path];
  /** Errors of a list field and of its items ("countries", "countries.2"), as one message list. */
  const listErrs = (path: Path) => {
    const out = [...(errors[path] ?? [])];
    for (const [k, v] of Object.entries(errors)) {
      const m = new RegExp(`^${path.replace(/\./g, "\\.")}\\.(\\d+)$`).exec(k);
      if (m) out.push(...v.map((msg) => `Line ${Number(m[1]) + 1}: ${msg}`));
    }
    return out.length ? out : undefined;
  };

  const text = (path: keyof ProtocolForm & string, label: string, opts: { hint?: string; long?: boolean; type?: string; list?: string[] } = {}) => (
    <Field id={testId(path)} label={label} hint={opts.hint} errors={errs(path)}>
      {(props) =>
        opts.long ? (
          <textarea
            {...props}
            rows={4}
            data-testid={testId(path)}
            className={inputStyles}
            disabled={disabled}
            value={value[path] as string}
            onChange={(e) => set(path, e.target.value as never)}
          />
        ) : (
          <>
            <input
              {...props}
              type={opts.type ?? "text"}
              data-testid={testId(path)}
              className={inputStyles}
              disabled={disabled}
              list={opts.list ? `${testId(path)}-options` : undefined}
              value={value[path] as string}
              onChange={(e) => set(path, e.target.value as never)}
            />
            {opts.list ? (
              <datalist id={`${testId(path)}-options`}>
                {opts.list.map((o) => (
                  <option key={o} value={o} />
                ))}
              </datalist>
            ) : null}
          </>
        )
      }
    </Field>
  );

  const choice = (
    path: "studyType" | "phase" | "allocation" | "masking" | "recruitmentStatus",
    text: string,
    options: readonly string[],
    names: Record<string, string>,
  ) => (
    <Field id={testId(path)} label={text} errors={errs(path)}>
      {(props) => (
        <select
          {...props}
          data-testid={testId(path)}
          className={inputStyles}
          disabled={disabled}
          value={value[path]}
          onChange={(e) => set(path, e.target.value)}
        >
          <option value="">— choose —</option>
          {options.map((o) => (
            <option key={o} value={o}>
              {names[o] ?? o}
            </option>
          ))}
        </select>
      )}
    </Field>
  );

  const lines = (path: "monetarySupport" | "secondarySponsors" | "countries" | "conditions", label: string, hint: string) => (
    <Field id={testId(path)} label={label} hint={hint} errors={listErrs(path)}>
      {(props) => (
        <textarea
          {...props}
          rows={3}
          data-testid={testId(path)}
          className={inputStyles}
          disabled={disabled}
          value={value[path].join("\n")}
          onChange={(e) => set(path, e.target.value.split("\n"))}
        />
      )}
    </Field>
  );

  const contact = (key: "publicContact" | "scientificContact", legend: string) => {
    const c = value[key];
    const setC = (k: keyof Contact, v: string) => set(key, { ...c, [k]: v });
    return (
      <Fieldset legend={legend} errors={errs(key)}>
        <div className="grid gap-3 sm:grid-cols-3">
          {(["name", "email", "affiliation"] as const).map((k) => (
            <Field
              key={k}
              id={testId(`${key}.${k}`)}
              label={k === "name" ? "Name" : k === "email" ? "Email" : "Affiliation"}
              errors={errs(`${key}.${k}`)}
            >
              {(props) => (
                <input
                  {...props}
                  type={k === "email" ? "email" : "text"}
                  data-testid={testId(`${key}.${k}`)}
                  className={inputStyles}
                  disabled={disabled}
                  value={c[k]}
                  onChange={(e) => setC(k, e.target.value)}
                />
              )}
            </Field>
          ))}
        </div>
      </Fieldset>
    );
  };

  return (
    <div className="flex flex-col gap-6">
      <Fieldset legend="Titles and identifiers">
        {text("publicTitle", "Public title", { hint: "In plain language, for the public." })}
        {text("scientificTitle", "Scientific title")}
        <Repeat
          path="secondaryIds"
          legend="Secondary identifiers"
          addLabel="Add identifier"
          rows={value.secondaryIds}
          empty={{ issuer: "", id: "" }}
          fields={[
            { key: "issuer", label: "Issuing authority" },
            { key: "id", label: "Identifier" },
          ]}
          errors={errors}
          disabled={disabled}
          onChange={(rows) => set("secondaryIds", rows)}
        />
      </Fieldset>

      <Fieldset legend="Sponsors and support">
        {text("primarySponsor", "Primary sponsor")}
        {lines("secondarySponsors", "Secondary sponsors", "One per line.")}
        {lines("monetarySupport", "Sources of monetary or material support", "One per line.")}
      </Fieldset>

      {contact("publicContact", "Contact for public queries")}
      {contact("scientificContact", "Contact for scientific queries")}

      <Fieldset legend="Conditions, countries and interventions">
        {lines("countries", "Countries of recruitment", "ISO 3166-1 alpha-2 codes, one per line (e.g. DE, FR).")}
        {lines("conditions", "Health conditions studied", "One per line.")}
        <Repeat
          path="interventions"
          legend="Interventions"
          addLabel="Add intervention"
          rows={value.interventions}
          empty={{ name: "", description: "" }}
          fields={[
            { key: "name", label: "Name" },
            { key: "description", label: "Description", long: true },
          ]}
          errors={errors}
          disabled={disabled}
          onChange={(rows) => set("interventions", rows)}
        />
      </Fieldset>

      <Fieldset legend="Eligibility">
        {text("inclusionCriteria", "Key inclusion criteria", { long: true })}
        {text("exclusionCriteria", "Key exclusion criteria", { long: true })}
      </Fieldset>

      <Fieldset legend="Design">
        <div className="grid gap-3 sm:grid-cols-2">
          {choice("studyType", "Study type", STUDY_TYPES, STUDY_TYPE_LABEL)}
          {choice("phase", "Phase", PHASES, PHASE_LABEL)}
          {choice("allocation", "Allocation", ALLOCATIONS, ALLOCATION_LABEL)}
          {choice("masking", "Masking", MASKINGS, MASKING_LABEL)}
        </div>
        <Repeat
          path="arms"
          legend="Arms"
          addLabel="Add arm"
          rows={value.arms}
          empty={{ label: "", description: "" }}
          fields={[
            { key: "label", label: "Label" },
            { key: "description", label: "Description", long: true },
          ]}
          errors={errors}
          disabled={disabled}
          onChange={(rows) => set("arms", rows)}
        />
      </Fieldset>

      <Fieldset legend="Recruitment">
        <div className="grid gap-3 sm:grid-cols-2">
          {text("targetSampleSize", "Target sample size", { hint: "A whole number of participants, e.g. 240." })}
          {choice("recruitmentStatus", "Recruitment status", RECRUITMENT_STATUSES, RECRUITMENT_STATUS_LABEL)}
          {text("anticipatedFirstEnrollment", "Anticipated first enrollment", { type: "date", hint: "YYYY-MM-DD" })}
          {text("anticipatedCompletion", "Anticipated completion", { type: "date", hint: "YYYY-MM-DD" })}
        </div>
      </Fieldset>

      <Fieldset legend="Ethics review" errors={errs("ethicsReview")}>
        <div className="grid gap-3 sm:grid-cols-3">
          {(
            [
              ["committee", "Committee", "text"],
              ["approvalDate", "Approval date", "date"],
              ["reference", "Reference", "text"],
            ] as const
          ).map(([k, label, type]) => (
            <Field key={k} id={testId(`ethicsReview.${k}`)} label={label} errors={errs(`ethicsReview.${k}`)}>
              {(props) => (
                <input
                  {...props}
                  type={type}
                  data-testid={testId(`ethicsReview.${k}`)}
                  className={inputStyles}
                  disabled={disabled}
                  value={value.ethicsReview[k]}
                  onChange={(e) => set("ethicsReview", { ...value.ethicsReview, [k]: e.target.value })}
                />
              )}
            </Field>
          ))}
        </div>
        {text("ipdSharingStatement", "Individual participant data (IPD) sharing statement", { long: true })}
      </Fieldset>

      <Fieldset legend="Outcomes" hint="Each outcome needs a title, what is measured, and a time frame. Outcomes are compared between versions.">
        {(["primaryOutcomes", "secondaryOutcomes"] as const).map((key) => (
          <Repeat<keyof ProtocolForm["primaryOutcomes"][number]>
            key={key}
            path={key}
            legend={key === "primaryOutcomes" ? "Primary outcomes" : "Secondary outcomes"}
            addLabel={key === "primaryOutcomes" ? "Add primary outcome" : "Add secondary outcome"}
            rows={value[key]}
            empty={{ title: "", measure: "", timeFrame: "", code: "", unit: "", plausibleLow: "", plausibleHigh: "" }}
            fields={[
              { key: "title", label: "Title" },
              { key: "measure", label: "Description / measure", long: true },
              { key: "timeFrame", label: "Time frame", hint: "e.g. 12 weeks after randomization" },
            ]}
            errors={errors}
            disabled={disabled}
            onChange={(rows) => set(key, rows)}
          />
        ))}
      </Fieldset>
    </div>
  );
}
