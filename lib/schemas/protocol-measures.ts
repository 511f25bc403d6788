/**
 * What makes a registered outcome recordable (docs/outcomes.md#measures-units-and-visits): each outcome's measure
 * code, UCUM unit and optional plausible range, and the protocol's visit schedule. Part of the protocol document
 * (lib/schemas/protocol.ts), so the `protocol.version` record pins them.
 *
 * Optional in the protocol: versions registered before these fields existed still parse, and the sponsor's form does
 * not ask for them yet. An outcome without a measure code is described but not recordable. Whether a unit is a UCUM
 * code is checked on the server when a version is prepared (lib/server/protocols/ucum-units.ts): the UCUM tables
 * stay out of the browser.
 */
import { z } from "zod";
import { DECIMAL_PATTERN } from "@/lib/integrity/kinds/common";

/** The records' `code` (docs/records.md#field-types), e.g. "systolic_bp", "week_4". */
const MEASURE_CODE_PATTERN = /^[a-z][a-z0-9_.-]{0,63}$/;
/** The records' `unit` format: 1–32 printable ASCII characters, no spaces. */
const UNIT_PATTERN = /^[!-~]{1,32}$/;

const code = (label: string) =>
  z
    .string({ error: `${label} is required` })
    .regex(MEASURE_CODE_PATTERN, `${label} must be lowercase letters, digits and _ . - starting with a letter, e.g. systolic_bp`);
const decimal = (label: string) =>
  z
    .string({ error: `${label} must be a number written as text, e.g. "90"` })
    .max(40, `${label} must be at most 40 characters`)
    .regex(DECIMAL_PATTERN, `${label} must be a number written as text, e.g. "90" or "7.5"`);
const wholeDays = (label: string, signed: boolean) =>
  z
    .string({ error: `${label} must be a whole number of days written as text, e.g. "28"` })
    .regex(signed ? /^(0|-?[1-9][0-9]{0,4})$/ : /^(0|[1-9][0-9]{0,3})$/, `${label} must be a whole number of days written as text, e.g. "28"`);

export const ZMeasureCode = code("Measure code");
export const ZVisitCode = code("Visit code");
export const ZUnitCode = z
  .string({ error: "Unit is required" })
  .regex(UNIT_PATTERN, "Unit must be a UCUM code of at most 32 characters without spaces, e.g. mm[Hg]");
export const ZDecimalValue = decimal("Value");

/** Decimal comparison without floating point: the strings are what was typed and what the record keeps. */
export function compareDecimals(a: string, b: string): number {
  const sign = (s: string) => (s.startsWith("-") && /[1-9]/.test(s) ? -1 : 1);
  const [sa, sb] = [sign(a), sign(b)];
  if (sa !== sb) return sa;
  const parts = (s: string) => s.replace(/^-/, "").split(".") as [string, string?];
  const [ia, fa = ""] = parts(a);
  const [ib, fb = ""] = parts(b);
  const width = Math.max(fa.length, fb.length);
  const [x, y] = [ia.padStart(41, "0") + fa.padEnd(width, "0"), ib.padStart(41, "0") + fb.padEnd(width, "0")];
  return x === y ? 0 : (x < y ? -1 : 1) * sa;
}

/**
 * The fields an outcome of the protocol gets to be recordable. The plausible range is two flat fields (either may be
 * absent) so that every leaf of the protocol form stays a string.
 */
export const outcomeMeasureFields = {
  code: ZMeasureCode.optional(),
  unit: ZUnitCode.optional(),
  plausibleLow: decimal("Lowest plausible value").optional(),
  plausibleHigh: decimal("Highest plausible value").optional(),
};

export const ZVisitSchema = z.object({
  code: ZVisitCode,
  label: z
    .string({ error: "Visit label is required" })
    .max(200, "Visit label must be at most 200 characters")
    .refine((s) => s.trim().length > 0, "Visit label is required"),
  /** Days from the participant's baseline (negative for screening). */
  dayOffset: wholeDays("Visit day", true),
  /** Days either side of the target day in which the visit counts as on time. */
  windowDays: wholeDays("Visit window", false),
});
export type TVisit = z.infer<typeof ZVisitSchema>;
export const ZVisitScheduleSchema = z.array(ZVisitSchema).max(100, "Visit schedule: at most 100 visits");

/** The same shapes as autosave keeps them: every field optional, text only bounded. */
const s = (max: number) => z.string().max(max);
export const partialOutcomeMeasureFields = {
  code: s(64),
  unit: s(32),
  plausibleLow: s(40),
  plausibleHigh: s(40),
};
export const ZVisitDraftSchema = z.array(z.object({ code: s(64), label: s(200), dayOffset: s(6), windowDays: s(4) }).partial()).max(100);

interface OutcomeLike {
  code?: string;
  unit?: string;
  plausibleLow?: string;
  plausibleHigh?: string;
}
/**
 * Protocol-wide rules, added to the protocol schema: a measure code comes with its unit, codes are distinct across
 * primary and secondary outcomes, a plausible range is not upside down, visit codes are distinct, and coded outcomes
 * need a visit schedule to be recorded at.
 */
export function checkMeasures(p: { primaryOutcomes: OutcomeLike[]; secondaryOutcomes: OutcomeLike[]; visits?: TVisit[] }, ctx: z.RefinementCtx) {
  const seen = new Set<string>();
  for (const list of ["primaryOutcomes", "secondaryOutcomes"] as const) {
    p[list].forEach((o, i) => {
      if ((o.code === undefined) !== (o.unit === undefined)) {
        const field = o.code === undefined ? "code" : "unit";
        ctx.addIssue({
          code: "custom",
          path: [list, i, field],
          message: `An outcome with a measure code needs a unit, and a unit needs a measure code`,
        });
      }
      if (o.plausibleLow && o.plausibleHigh && compareDecimals(o.plausibleLow, o.plausibleHigh) > 0) {
        ctx.addIssue({ code: "custom", path: [list, i, "plausibleHigh"], message: "The highest plausible value must not be below the lowest" });
      }
      if (o.code === undefined) return;
      if (seen.has(o.code)) ctx.addIssue({ code: "custom", path: [list, i, "code"], message: `Measure code ${o.code} is used by another outcome` });
      seen.add(o.code);
    });
  }
  const visits = new Set<string>();
  (p.visits ?? []).forEach((v, i) => {
    if (visits.has(v.code)) ctx.addIssue({ code: "custom", path: ["visits", i, "code"], message: `Visit code ${v.code} is used twice` });
    visits.add(v.code);
  });
  if (seen.size > 0 && visits.size === 0) {
    ctx.addIssue({ code: "custom", path: ["visits"], message: "Outcomes with measure codes need a visit schedule to be recorded at" });
  }
}
