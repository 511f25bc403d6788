/**
 * The measures and visits a registered protocol pre-specifies (docs/outcomes.md#measures-units-and-visits), read
 * from a stored protocol document. Stored versions are read leniently: one registered before measure codes existed
 * has no recordable measure, and an outcome without a code is described but not recordable.
 */
import { z } from "zod";
import { ZMeasureCode, ZUnitCode, ZVisitScheduleSchema, type TVisit } from "@/lib/schemas/protocol-measures";

export interface RecordableMeasure {
  code: string;
  title: string;
  unit: string;
  plausibleLow: string | null;
  plausibleHigh: string | null;
  primary: boolean;
}

export interface RecordableSchedule {
  measures: RecordableMeasure[];
  visits: TVisit[];
}

const storedOutcome = z.object({
  title: z.string().catch(""),
  code: ZMeasureCode.optional().catch(undefined),
  unit: ZUnitCode.optional().catch(undefined),
  plausibleLow: z.string().optional().catch(undefined),
  plausibleHigh: z.string().optional().catch(undefined),
});
const storedProtocol = z.object({
  primaryOutcomes: z.array(storedOutcome).catch([]),
  secondaryOutcomes: z.array(storedOutcome).catch([]),
  visits: ZVisitScheduleSchema.catch([]),
});

export function recordableScheduleOf(protocol: unknown): RecordableSchedule {
  const parsed = storedProtocol.safeParse(protocol ?? {});
  if (!parsed.success) return { measures: [], visits: [] };
  const measures: RecordableMeasure[] = [];
  for (const [list, primary] of [
    [parsed.data.primaryOutcomes, true],
    [parsed.data.secondaryOutcomes, false],
  ] as const) {
    for (const o of list) {
      if (!o.code || !o.unit || measures.some((m) => m.code === o.code)) continue;
      measures.push({
        code: o.code,
        title: o.title,
        unit: o.unit,
        plausibleLow: o.plausibleLow ?? null,
        plausibleHigh: o.plausibleHigh ?? null,
        primary,
      });
    }
  }
  return { measures, visits: parsed.data.visits };
}
