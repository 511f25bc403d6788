import { isoUtc } from "@/components/format-time";

/**
 * An instant the server set (a signature, a withdrawal) to the second, in UTC with the zone written out, e.g.
 * `2026-11-21 10:15:30 UTC`: the participant's copy should show the time the record carries, not a rounded one.
 */
export function ServerInstant({ value }: { value: string }) {
  const iso = isoUtc(value);
  return <time dateTime={iso}>{iso ? `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC` : "—"}</time>;
}
