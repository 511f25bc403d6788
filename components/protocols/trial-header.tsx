import { Badge } from "@/components/ui/badge";
import { linkStyles } from "@/components/ui/styles";
import { TRIAL_STATUS_LABEL, TRIAL_STATUS_TONE } from "@/lib/vocabulary/trial-status";
import type { SponsorTrial } from "./hooks/use-sponsor-trial";

/** Public id, status and (once registered) the link to the public registry page. */
export function TrialHeader({ trial, registered }: { trial: SponsorTrial["trial"]; registered: boolean }) {
  return (
    <div className="mb-6 flex flex-wrap items-center gap-3">
      <span className="font-mono text-sm" data-testid="trial-public-id">
        {trial.publicId}
      </span>
      <Badge tone={TRIAL_STATUS_TONE[trial.status]}>
        <span data-testid="trial-status">{TRIAL_STATUS_LABEL[trial.status]}</span>
      </Badge>
      {registered ? (
        <a className={linkStyles} href={`/trials/${trial.publicId}`} data-testid="trial-public-link">
          Public registry page
        </a>
      ) : null}
    </div>
  );
}
