import { Badge } from "@/components/ui/badge";
import type { MyConsentForm } from "@/lib/api/results";
import type { ChoiceAnswers } from "./choices-form";
import { GlossaryList, SectionBody } from "./section-body";

/**
 * The complete document as it will be signed: every section of this version, the words explained, the result of the
 * questions and the participant's answer to each optional part. What the signature covers is what is on screen.
 */
export function ConsentDocument({ form, choices }: { form: MyConsentForm; choices: ChoiceAnswers }) {
  return (
    <div className="flex flex-col gap-6" data-testid="consent-document">
      <div>
        <p className="text-sm text-slate-700">
          Version {form.version} · language {form.language}
        </p>
        <h2 className="text-xl font-semibold text-slate-900">{form.title}</h2>
      </div>

      {form.sections.map((s, i) => (
        <section key={i} aria-labelledby={`doc-section-${i}`} className="flex flex-col gap-2">
          <h3 id={`doc-section-${i}`} className="text-lg font-semibold text-slate-900">
            {i + 1}. {s.title}
          </h3>
          <SectionBody body={s.body} glossary={form.glossary} />
          {s.media ? <p className="text-sm text-slate-800">Picture: {s.media.alt}</p> : null}
        </section>
      ))}

      {form.glossary.length ? (
        <section aria-labelledby="doc-glossary" className="flex flex-col gap-2">
          <h3 id="doc-glossary" className="text-lg font-semibold text-slate-900">
            Words used in this form
          </h3>
          <GlossaryList glossary={form.glossary} />
        </section>
      ) : null}

      <section aria-labelledby="doc-check" className="flex flex-col gap-2" data-testid="doc-check">
        <h3 id="doc-check" className="text-lg font-semibold text-slate-900">
          Your answers to the questions
        </h3>
        <p className="text-base text-slate-900">
          <Badge tone={form.passed ? "good" : "bad"}>{form.passed ? "Passed" : "Not passed yet"}</Badge>{" "}
          {form.passedScore !== null ? `${form.passedScore} of ${form.questions.length} correct (${form.passMark} needed)` : null}
          {form.attempts > 0 ? `, after ${form.attempts} attempt${form.attempts === 1 ? "" : "s"}` : null}
        </p>
      </section>

      <section aria-labelledby="doc-choices" className="flex flex-col gap-2" data-testid="doc-choices">
        <h3 id="doc-choices" className="text-lg font-semibold text-slate-900">
          Optional parts of the study
        </h3>
        {form.choices.length === 0 ? (
          <p className="text-base text-slate-900">This form has no optional parts.</p>
        ) : (
          <ul className="flex flex-col gap-2">
            {form.choices.map((c) => (
              <li key={c.id} className="flex flex-col gap-1 rounded-md border border-slate-200 p-3" data-testid={`doc-choice-${c.id}`}>
                <span className="text-base text-slate-900">{c.text}</span>
                <span>
                  {choices[c.id] === undefined ? (
                    <Badge tone="warn">Not answered</Badge>
                  ) : (
                    <Badge tone={choices[c.id] ? "good" : "neutral"}>{choices[c.id] ? "I agree" : "I do not agree"}</Badge>
                  )}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
