import type { Metadata } from "next";
import Link from "next/link";
import { buttonStyles } from "@/components/ui/styles";

export const metadata: Metadata = { title: "No access" };

export default function Forbidden() {
  return (
    <div className="mx-auto max-w-xl py-12 text-center">
      <p className="text-sm font-semibold tracking-wide text-red-800 uppercase">Error 403</p>
      <h1 className="mt-2 text-2xl font-bold text-slate-900">You don&apos;t have access to this page</h1>
      <p className="mt-3 text-slate-700">Your account does not have the role this page requires. If you think it should, ask a platform admin.</p>
      <div className="mt-6 flex justify-center gap-3">
        <Link href="/" className={buttonStyles.primary}>
          Go to the home page
        </Link>
        <Link href="/dashboard" className={buttonStyles.secondary}>
          Your dashboard
        </Link>
      </div>
    </div>
  );
}
