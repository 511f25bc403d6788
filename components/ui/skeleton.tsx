/** Placeholder while a section's data loads; announced politely, hidden visually beyond the bars. */
export function SectionSkeleton({ label }: { label: string }) {
  return (
    <div role="status" className="flex flex-col gap-2">
      <span className="sr-only">{label}…</span>
      <div aria-hidden="true" className="h-4 w-2/3 animate-pulse rounded bg-slate-200" />
      <div aria-hidden="true" className="h-4 w-1/2 animate-pulse rounded bg-slate-200" />
      <div aria-hidden="true" className="h-4 w-3/5 animate-pulse rounded bg-slate-200" />
    </div>
  );
}
