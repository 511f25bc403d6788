import { buttonStyles } from "@/components/ui/styles";
import type { MyConsentForm } from "@/lib/api/results";
import { consentStepPath } from "./consent-paths";

export type ChoiceAnswers = Record<string, boolean | undefined>;

/**
 * The optional parts of the study, each accepted or declined. A plain form that opens the review page with the
 * answers in its address: nothing is stored before the signature, and going back to change them keeps them.
 */
export function ChoicesForm({ form, given }: { form: MyConsentForm; given: ChoiceAnswers }) {
  return (
    <form method="get" action={consentStepPath(form.id, "review")} className="flex flex-col gap-5" data-testid="choices-form">
      {form.choices.map((c) => (
        <fieldset key={c.id} className="rounded-lg border border-slate-200 bg-white p-4" data-testid={`choice-${c.id}`}>
          <legend className="float-left mb-1 w-full text-base font-semibold text-slate-900">{c.text}</legend>
          <p className="clear-both mb-2 text-sm text-slate-700">This part is optional: you can take part in the study either way.</p>
          <div className="flex flex-col gap-1 sm:flex-row sm:gap-6">
            {(
              [
                ["accept", "Yes, I agree", true],
                ["decline", "No, I do not agree", false],
              ] as const
            ).map(([value, label, accepted]) => (
              <label key={value} className="flex min-h-11 items-center gap-3 rounded-md px-2 text-base text-slate-900 hover:bg-slate-50">
                <input
                  type="radio"
                  name={c.id}
                  value={value}
                  required
                  defaultChecked={given[c.id] === accepted}
                  className="h-5 w-5 accent-indigo-700"
                  data-testid={`choice-${c.id}-${value}`}
                />
                {label}
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      <div>
        <button type="submit" className={`${buttonStyles.primary} w-full sm:w-auto`} data-testid="choices-continue">
          Continue to review
        </button>
      </div>
    </form>
  );
}

/** The answers in a review or choices page's address (`<choice id>=accept|decline`), for this form's choices only. */
export function choiceAnswersOf(form: MyConsentForm, query: Record<string, string | string[] | undefined>): ChoiceAnswers {
  const answers: ChoiceAnswers = {};
  for (const c of form.choices) {
    const raw = query[c.id];
    const value = Array.isArray(raw) ? raw[0] : raw;
    answers[c.id] = value === "accept" ? true : value === "decline" ? false : undefined;
  }
  return answers;
}
