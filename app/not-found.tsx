import type { Metadata } from "next";
import Link from "next/link";
import { buttonStyles } from "@/components/ui/styles";

export const metadata: Metadata = { title: "Not found" };

export default function NotFound() {
  return (
    <div className="mx-auto max-w-xl py-12 text-center">
      <p className="text-sm font-semibold tracking-wide text-slate-700 uppercase">Error 404</p>
      <h1 className="mt-2 text-2xl font-bold text-slate-900">Page not found</h1>
      <p className="mt-3 text-slate-700">The page or link you followed does not exist, or is no longer valid.</p>
      <div className="mt-6 flex justify-center">
        <Link href="/" className={buttonStyles.primary}>
          Go to the home page
        </Link>
      </div>
    </div>
  );
}
