import { Badge } from "./badge";
import { buttonStyles } from "./styles";

export interface UpcomingFeature {
  /** The action as it will be labelled once it exists, e.g. "Register protocol". */
  label: string;
  /** What it will do, in one sentence. */
  description: string;
}

/**
 * Features that are designed but not built yet. Their buttons are disabled and say so: nothing here
 * pretends to work.
 */
export function ComingSoon({ id, features }: { id: string; features: UpcomingFeature[] }) {
  return (
    <ul className="grid gap-3 sm:grid-cols-2">
      {features.map((feature, i) => {
        const descriptionId = `${id}-${i}-description`;
        return (
          <li key={feature.label} className="flex flex-col gap-2 rounded-md border border-slate-200 bg-slate-50 p-4">
            <div className="flex items-center justify-between gap-2">
              <span className="font-medium text-slate-900">{feature.label}</span>
              <Badge tone="warn">Coming soon</Badge>
            </div>
            <p id={descriptionId} className="text-sm text-slate-700">
              {feature.description}
            </p>
            <div>
              <button type="button" disabled aria-describedby={descriptionId} className={buttonStyles.secondary}>
                {feature.label} (coming soon)
              </button>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
