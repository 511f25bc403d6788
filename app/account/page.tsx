import type { Metadata } from "next";
import { env } from "@/lib/env";
import { ROLE_LABEL } from "@/lib/schemas/roles";
import { requirePageRole } from "@/lib/server/auth/guards";
import { LinkWallet } from "@/components/account/link-wallet";
import { SignOutButton } from "@/components/account/sign-out-button";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { UtcTime } from "@/components/ui/utc-time";

export const metadata: Metadata = { title: "Account" };

function describeDuration(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} hour${seconds === 3600 ? "" : "s"}`;
  if (seconds % 60 === 0) return `${seconds / 60} minute${seconds === 60 ? "" : "s"}`;
  return `${seconds} seconds`;
}

export default async function AccountPage() {
  const viewer = await requirePageRole("any", "/account");
  const idle = describeDuration(env().SESSION_IDLE_TIMEOUT_SECONDS);

  return (
    <>
      <PageHeader title="Your account" />
      <Section id="profile" title="Profile">
        <dl className="grid gap-4 sm:grid-cols-2">
          <div>
            <dt className="text-sm font-medium text-slate-700">Name</dt>
            <dd className="mt-1 text-slate-900 break-all" data-testid="account-name">
              {viewer.name}
            </dd>
          </div>
          <div>
            <dt className="text-sm font-medium text-slate-700">Email</dt>
            <dd className="mt-1 text-slate-900 break-all" data-testid="account-email">
              {/* Wallet-only accounts get a placeholder address under the reserved .invalid domain. */}
              {viewer.email.endsWith(".invalid") ? "None (this account signs in with a wallet)" : viewer.email}
            </dd>
          </div>
          <div>
            <dt className="text-sm font-medium text-slate-700">Roles</dt>
            <dd className="mt-1 text-slate-900">
              {viewer.memberships.length === 0 ? (
                "No role yet; ask a platform admin."
              ) : (
                <ul className="flex flex-col gap-0.5" data-testid="account-roles">
                  {viewer.memberships.map((m) => (
                    <li key={m.id}>
                      {ROLE_LABEL[m.role]} <span className="text-slate-700">at {m.organizationName}</span>
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </div>
          <div>
            <dt className="text-sm font-medium text-slate-700">Linked wallets</dt>
            <dd className="mt-1 text-slate-900">
              {viewer.wallets.length === 0 ? (
                "None yet: link one below to sign in with Ethereum."
              ) : (
                <ul className="flex flex-col gap-0.5 font-mono text-sm break-all" data-testid="account-wallets">
                  {viewer.wallets.map((w) => (
                    <li key={w}>{w}</li>
                  ))}
                </ul>
              )}
            </dd>
          </div>
        </dl>
      </Section>
      <Section id="wallets" title="Link a wallet">
        <LinkWallet linked={viewer.wallets} />
      </Section>
      <Section id="session" title="Session">
        <p className="text-slate-900">
          This session expires at{" "}
          <span className="font-medium" data-testid="session-expiry">
            <UtcTime value={viewer.sessionExpiresAt} />
          </span>
          .
        </p>
        <p className="mt-2 text-sm text-slate-700">
          Sessions end after {idle} without activity; using the portal extends them. Sign out everywhere if you used a shared computer or lost a
          device: it ends all your sessions on every device.
        </p>
        <div className="mt-4 flex flex-wrap gap-3">
          <SignOutButton label="Sign out on this device" testId="account-sign-out" />
          <SignOutButton everywhere variant="danger" testId="account-sign-out-everywhere" />
        </div>
      </Section>
    </>
  );
}
