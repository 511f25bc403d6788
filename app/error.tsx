"use client";

import Link from "next/link";
import { useEffect } from "react";
import { buttonStyles } from "@/components/ui/styles";

/** Unexpected failures: a plain explanation and a reference, never the error's internals. */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : null;

  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <div className="mx-auto max-w-xl py-12 text-center" role="alert">
      <h1 className="text-2xl font-bold text-slate-900">Something went wrong</h1>
      <p className="mt-3 text-slate-700">We could not show this page. Nothing you did was lost; please try again in a moment.</p>
      {digest ? (
        <p className="mt-2 text-sm text-slate-700">
          Reference: <span className="font-mono">{digest}</span>
        </p>
      ) : null}
      <div className="mt-6 flex justify-center gap-3">
        <button type="button" className={buttonStyles.primary} onClick={() => retry()}>
          Try again
        </button>
        <Link href="/" className={buttonStyles.secondary}>
          Go to the home page
        </Link>
      </div>
    </div>
  );
}
