import type { ReactNode } from "react";
import type { Tone } from "@/lib/vocabulary/tone";

const tones: Record<Tone, string> = {
  neutral: "bg-slate-100 text-slate-800 ring-slate-300",
  good: "bg-emerald-50 text-emerald-900 ring-emerald-300",
  warn: "bg-amber-50 text-amber-950 ring-amber-300",
  bad: "bg-red-50 text-red-900 ring-red-300",
  info: "bg-indigo-50 text-indigo-900 ring-indigo-300",
};

/** A badge's tone; lib/vocabulary maps each status to one (e.g. TRIAL_STATUS_TONE). */
export type BadgeTone = Tone;

export function Badge({ tone = "neutral", children, testId }: { tone?: BadgeTone; children: ReactNode; testId?: string }) {
  return (
    <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[tone]}`} data-testid={testId}>
      {children}
    </span>
  );
}
