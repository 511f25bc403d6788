import { CONSENT_STEP_LABEL, CONSENT_STEPS, type ConsentStep } from "./consent-paths";

/** Where the participant is in signing: the four steps, the current one marked for assistive technology too. */
export function ConsentSteps({ current }: { current: ConsentStep }) {
  const at = CONSENT_STEPS.indexOf(current);
  return (
    <nav aria-label="Steps to sign the consent form" className="mb-6">
      <ol className="grid grid-cols-4 gap-1 text-center text-xs sm:text-sm">
        {CONSENT_STEPS.map((step, i) => (
          <li
            key={step}
            aria-current={i === at ? "step" : undefined}
            className={`rounded-md border px-1 py-2 ${
              i === at
                ? "border-indigo-700 bg-indigo-700 font-semibold text-white"
                : i < at
                  ? "border-indigo-200 bg-indigo-50 text-indigo-900"
                  : "border-slate-200 bg-white text-slate-700"
            }`}
          >
            <span className="sr-only">{`Step ${i + 1} of ${CONSENT_STEPS.length}: `}</span>
            {CONSENT_STEP_LABEL[step]}
            {i < at ? <span className="sr-only"> (done)</span> : null}
          </li>
        ))}
      </ol>
    </nav>
  );
}
