import type { Viewer } from "@/lib/server/auth/viewer";
import { listSignInAlerts, type SignInAlert } from "@/lib/server/auth/list-sign-in-alerts";
import { Section } from "@/components/ui/section";
import { EmptyState, Table, Td, Th } from "@/components/ui/table";
import { UtcTime } from "@/components/ui/utc-time";

function describe(alert: SignInAlert): string {
  const minutes = Math.round(alert.windowSeconds / 60);
  return alert.trigger === "address_failures"
    ? `${alert.failures} failed sign-ins in a row from one address (the address now backs off)`
    : `${alert.failures} failed sign-ins from several addresses within ${minutes} minutes (each address may now try once per ${minutes} minutes)`;
}

/** Platform admins: repeated failed sign-ins, newest first (attempted unauthorized use, 21 CFR 11.300(d)). */
export async function SignInAlerts({ viewer }: { viewer: Viewer }) {
  const alerts = await listSignInAlerts(viewer);
  return (
    <Section id="sign-in-alerts" title="Sign-in alerts" description="Repeated failed sign-ins against one account. Newest first. Times in UTC.">
      {alerts.length === 0 ? (
        <EmptyState>No sign-in alerts.</EmptyState>
      ) : (
        <Table caption="Sign-in alerts">
          <thead>
            <tr>
              <Th>Time</Th>
              <Th>What happened</Th>
              <Th>Account</Th>
              <Th>Address</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200 bg-white">
            {alerts.map((alert) => (
              <tr key={alert.id} data-testid="sign-in-alert">
                <Td>
                  <span className="whitespace-nowrap">
                    <UtcTime value={alert.at} />
                  </span>
                </Td>
                <Td>{describe(alert)}</Td>
                <Td>
                  {alert.accountName ?? "No such account"}
                  {alert.attemptedEmail ? <span className="block font-mono text-xs break-all text-slate-700">{alert.attemptedEmail}</span> : null}
                </Td>
                <Td mono>{alert.ipAddress ?? "unknown"}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Section>
  );
}
