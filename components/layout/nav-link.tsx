"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** A header link that marks itself as the current page. */
export function NavLink({ href, children }: { href: string; children: string }) {
  const pathname = usePathname();
  const current = pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link
      href={href}
      aria-current={current ? "page" : undefined}
      data-testid={`nav-${children.toLowerCase()}`}
      className={`rounded-md px-3 py-2 text-sm font-medium ${
        current ? "bg-indigo-50 text-indigo-900 underline underline-offset-4" : "text-slate-800 hover:bg-slate-100 hover:text-slate-950"
      }`}
    >
      {children}
    </Link>
  );
}
