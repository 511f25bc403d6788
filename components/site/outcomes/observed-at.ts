/**
 * What an investigator types as the observation time, as the record keeps it: a UTC time with milliseconds. A UTC
 * time typed without seconds or milliseconds is completed; anything else is sent as typed, so the server's 422 says
 * what is wrong with it next to the field.
 */
const LOOSE_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/;

export function normalizeObservedAt(typed: string): string {
  const s = typed.trim();
  if (!LOOSE_UTC.test(s)) return s;
  const date = new Date(s);
  return Number.isNaN(date.getTime()) ? s : date.toISOString();
}

/** The current time in UTC, as the "Now" button fills it in (not rounded down: that could fall before a consent just given). */
export const nowInUtc = (): string => new Date().toISOString();
