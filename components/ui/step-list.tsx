import { Badge, type BadgeTone } from "./badge";

export interface VerificationStep {
  id: string;
  label: string;
  detail: string;
  status: "pass" | "fail" | "skip";
}

const STATUS: Record<VerificationStep["status"], BadgeTone> = { pass: "good", fail: "bad", skip: "neutral" };

/** The numbered pass/fail steps of an in-browser verification (receipts, protocol versions). */
export function StepList({
  steps,
  label,
  testIdPrefix,
  skipText = "Skipped",
}: {
  steps: readonly VerificationStep[];
  label: string;
  testIdPrefix: string;
  skipText?: string;
}) {
  const text = { pass: "Pass", fail: "Fail", skip: skipText };
  return (
    <ol className="flex flex-col divide-y divide-slate-200 rounded-md border border-slate-200" aria-label={label}>
      {steps.map((step, i) => (
        <li
          key={step.id}
          className="flex flex-col gap-1 px-4 py-3 sm:flex-row sm:items-start sm:gap-4"
          data-testid={`${testIdPrefix}${step.id}`}
          data-status={step.status}
        >
          <div className="w-20 shrink-0">
            <Badge tone={STATUS[step.status]}>{text[step.status]}</Badge>
          </div>
          <div className="min-w-0">
            <p className="text-sm font-medium text-slate-900">
              {i + 1}. {step.label}
            </p>
            <p className="text-xs break-all text-slate-700">{step.detail}</p>
          </div>
        </li>
      ))}
    </ol>
  );
}
