import type { Viewer } from "@/lib/server/auth/viewer";
import { listAnchoringAlarms } from "@/lib/server/anchoring/list-anchoring-alarms";
import { ANCHORING_ALARM_KIND_LABEL } from "@/lib/vocabulary/anchoring-alarm";
import { Badge } from "@/components/ui/badge";
import { Section } from "@/components/ui/section";
import { EmptyState, Table, Td, Th } from "@/components/ui/table";
import { UtcTime } from "@/components/ui/utc-time";

/** Platform admins: why anchoring stopped (daily gas budget, a trial's anchorer changed on chain), open ones first. */
export async function AnchoringAlarms({ viewer }: { viewer: Viewer }) {
  const alarms = await listAnchoringAlarms(viewer);
  return (
    <Section
      id="anchoring-alarms"
      title="Anchoring alarms"
      description="Checkpoints the anchorer stopped sending, and why. Records are kept and wait until the cause is removed. Open first; times in UTC."
    >
      {alarms.length === 0 ? (
        <EmptyState>No anchoring alarms.</EmptyState>
      ) : (
        <Table caption="Anchoring alarms">
          <thead>
            <tr>
              <Th>Opened</Th>
              <Th>Alarm</Th>
              <Th>Trial</Th>
              <Th>What happened</Th>
              <Th>State</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200 bg-white">
            {alarms.map((alarm) => (
              <tr key={alarm.id} data-testid="anchoring-alarm">
                <Td>
                  <span className="whitespace-nowrap">
                    <UtcTime value={alarm.openedAt} />
                  </span>
                </Td>
                <Td>{ANCHORING_ALARM_KIND_LABEL[alarm.kind]}</Td>
                <Td mono>{alarm.trialPublicId ?? "All trials"}</Td>
                <Td>{alarm.detail}</Td>
                <Td>
                  {alarm.resolvedAt ? (
                    <>
                      <Badge tone="good">Resolved</Badge> <UtcTime value={alarm.resolvedAt} />
                      <span className="block text-xs text-slate-700">{alarm.resolution}</span>
                    </>
                  ) : (
                    <Badge tone="bad">Open</Badge>
                  )}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Section>
  );
}
