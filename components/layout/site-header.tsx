import Link from "next/link";
import { ROLE_HOME, type Role } from "@/lib/schemas/roles";
import { SignOutButton } from "@/components/account/sign-out-button";
import { shortAddress } from "@/components/wallet/short-address";
import { WalletWidget } from "@/components/wallet/wallet-widget";
import { buttonStyles } from "@/components/ui/styles";
import { NavLink } from "./nav-link";

const ROLE_NAV: Array<{ role: Role; label: string }> = [
  { role: "sponsor_admin", label: "Sponsor" },
  { role: "investigator", label: "Site" },
  { role: "participant", label: "Participant" },
  { role: "regulator", label: "Regulator" },
  { role: "platform_admin", label: "Admin" },
];

export interface HeaderViewer {
  name: string;
  roles: Role[];
}

/** Product name, navigation for the viewer's roles, the wallet and the session controls. */
export function SiteHeader({ viewer }: { viewer: HeaderViewer | null }) {
  const roleLinks = ROLE_NAV.filter((item) => viewer?.roles.includes(item.role));
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-3 px-4 py-3 sm:px-6">
        <Link href="/" className="flex items-center gap-2 text-lg font-bold tracking-tight text-slate-900">
          <span aria-hidden="true" className="inline-block h-6 w-6 rounded bg-indigo-700" />
          TrialProof
        </Link>
        <nav aria-label="Main" className="order-3 w-full md:order-none md:w-auto md:flex-1">
          <ul className="flex flex-wrap items-center gap-1">
            {roleLinks.map((item) => (
              <li key={item.role}>
                <NavLink href={ROLE_HOME[item.role]}>{item.label}</NavLink>
              </li>
            ))}
            <li>
              <NavLink href="/trials">Registry</NavLink>
            </li>
            <li>
              <NavLink href="/verify">Verify</NavLink>
            </li>
            {viewer ? (
              <li>
                <NavLink href="/account">Account</NavLink>
              </li>
            ) : null}
          </ul>
        </nav>
        <div className="ml-auto flex flex-wrap items-center gap-3">
          <WalletWidget />
          {viewer ? (
            <div className="flex items-center gap-3">
              <span className="hidden max-w-[18rem] truncate text-sm text-slate-700 lg:inline">
                Signed in as{" "}
                <span className="font-medium text-slate-900" data-testid="header-viewer-name">
                  {/^0x[0-9a-fA-F]{40}$/.test(viewer.name) ? shortAddress(viewer.name) : viewer.name}
                </span>
              </span>
              <SignOutButton testId="header-sign-out" />
            </div>
          ) : (
            <Link href="/sign-in" className={buttonStyles.primary} data-testid="header-sign-in">
              Sign in
            </Link>
          )}
        </div>
      </div>
    </header>
  );
}
