import type { Viewer } from "@/lib/server/auth/viewer";
import { listAnchoringAlarms } from "@/lib/server/anchoring/list-anchoring-alarms";
import { ANCHORING_ALARM_KIND_LABEL } from "@/lib/vocabulary/anchoring-alarm";
import { Alert } from "@/components/ui/alert";

/**
 * The open anchoring alarms of the trials this viewer administers or audits (one trial with `trialId`): a trial
 * whose anchoring was taken away on chain is never skipped silently. Nothing is shown when none is open.
 */
export async function AnchoringAlarmBanner({ viewer, trialId }: { viewer: Viewer; trialId?: string }) {
  const alarms = (await listAnchoringAlarms(viewer, { trialId })).filter((a) => a.trialPublicId !== null && a.resolvedAt === null);
  if (alarms.length === 0) return null;
  return (
    <div className="space-y-2" data-testid="anchoring-alarm-banner">
      {alarms.map((alarm) => (
        <Alert
          key={alarm.id}
          tone="error"
          title={`${ANCHORING_ALARM_KIND_LABEL[alarm.kind]}: ${alarm.trialPublicId} ${alarm.trialTitle ?? ""}`.trim()}
        >
          {alarm.detail}
        </Alert>
      ))}
    </div>
  );
}
