import type { ReactNode } from "react";

/** A responsive data table; `caption` names it for assistive technology (visually hidden by default). */
export function Table({ caption, captionVisible = false, children }: { caption: string; captionVisible?: boolean; children: ReactNode }) {
  return (
    // Focusable and named, so that keyboard users can scroll a table wider than the screen.
    <div role="region" aria-label={caption} tabIndex={0} className="overflow-x-auto rounded-md border border-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
        <caption className={captionVisible ? "px-3 py-2 text-left text-sm font-medium text-slate-800" : "sr-only"}>{caption}</caption>
        {children}
      </table>
    </div>
  );
}

export function Th({ children }: { children: ReactNode }) {
  return (
    <th scope="col" className="bg-slate-50 px-3 py-2 text-xs font-semibold tracking-wide text-slate-800 uppercase">
      {children}
    </th>
  );
}

export function Td({ children, mono = false }: { children: ReactNode; mono?: boolean }) {
  return <td className={`px-3 py-2 align-top text-slate-900 ${mono ? "font-mono text-xs break-all" : ""}`}>{children}</td>;
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="rounded-md border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-700">{children}</p>;
}
