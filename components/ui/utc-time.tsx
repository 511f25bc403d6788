import { formatUtc, isoUtc } from "@/components/format-time";

/** A point in time, shown in UTC with its zone. */
export function UtcTime({ value }: { value: Date | string | number | null | undefined }) {
  if (value === null || value === undefined) return <span>—</span>;
  return <time dateTime={isoUtc(value)}>{formatUtc(value)}</time>;
}
