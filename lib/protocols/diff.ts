/**
 * Field-by-field difference of two protocol versions (pure; the public trial page and the sponsor's amendment
 * preview use it). Objects are compared key by key, lists item by item (by position), and every changed leaf is
 * reported with its path. Changes under primaryOutcomes / secondaryOutcomes and the visit schedule are flagged
 * `isOutcome`: outcome switching (a measure, its unit or the visit it is assessed at) is what a reader must not miss.
 */
export type DiffChange = "added" | "removed" | "changed";

export interface ProtocolDiffEntry {
  /** Path segments, e.g. ["primaryOutcomes", 0, "timeFrame"]. */
  path: (string | number)[];
  /** Dotted path, e.g. "primaryOutcomes.0.timeFrame". */
  field: string;
  change: DiffChange;
  before?: unknown;
  after?: unknown;
  isOutcome: boolean;
}

const OUTCOME_FIELDS = new Set(["primaryOutcomes", "secondaryOutcomes", "visits"]);

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export function diffProtocols(before: unknown, after: unknown): ProtocolDiffEntry[] {
  const out: ProtocolDiffEntry[] = [];
  const push = (path: (string | number)[], change: DiffChange, b: unknown, a: unknown) => {
    const entry: ProtocolDiffEntry = {
      path,
      field: path.join("."),
      change,
      isOutcome: OUTCOME_FIELDS.has(String(path[0])),
    };
    if (change !== "added") entry.before = b;
    if (change !== "removed") entry.after = a;
    out.push(entry);
  };
  const walk = (b: unknown, a: unknown, path: (string | number)[]) => {
    if (b === undefined && a === undefined) return;
    if (b === undefined) return push(path, "added", b, a);
    if (a === undefined) return push(path, "removed", b, a);
    if (isPlainObject(b) && isPlainObject(a)) {
      const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
      for (const k of keys) walk(b[k], a[k], [...path, k]);
      return;
    }
    if (Array.isArray(b) && Array.isArray(a)) {
      for (let i = 0; i < Math.max(a.length, b.length); i++) walk(b[i], a[i], [...path, i]);
      return;
    }
    if (JSON.stringify(b) !== JSON.stringify(a)) push(path, "changed", b, a);
  };
  walk(before ?? {}, after ?? {}, []);
  return out;
}

/** True when any outcome changed between the two versions. */
export const outcomesChanged = (diff: readonly ProtocolDiffEntry[]) => diff.some((d) => d.isOutcome);
