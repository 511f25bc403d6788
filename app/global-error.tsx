"use client";

import "./globals.css";

/** Last resort when the root layout itself fails: its own document, no internals shown. */
export default function GlobalError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body className="bg-slate-50 text-slate-900">
        <main className="mx-auto max-w-xl px-4 py-16 text-center">
          <title>Something went wrong · TrialProof</title>
          <h1 className="text-2xl font-bold">TrialProof is unavailable right now</h1>
          <p className="mt-3 text-slate-700">Something went wrong on our side. Please try again in a moment.</p>
          <button
            type="button"
            className="mt-6 rounded-md bg-indigo-700 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-800"
            onClick={() => retry()}
          >
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
